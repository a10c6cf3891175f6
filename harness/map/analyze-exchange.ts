import type { Exchange, ReadResult } from '../core/exchange.ts';
import type { Finding, FindingKind } from '../core/finding.ts';
import type { EventChoice, OperationMatch, SchemaChoice, SpecIndex } from '../spec/types.ts';
import { addFinding, addRateLimit, emptyAggregate, EXAMPLES_CAP, DISTINCT_CAP, FIELDS_CAP, STREAMS_CAP, type Aggregate, type GroupAgg } from './aggregate.ts';
import { documentedHeaders, headerExample, isInfrastructureHeader, parseRateLimits } from './headers.ts';
import { SchemaViews } from './schema-view.ts';
import { reassemble, streamTiming } from './streams.ts';
import { walk, type FieldInfo, type WalkIssue, type WalkSink } from './walk.ts';
import { shortValue } from './values.ts';

/** Everything the per-file analysis needs; build once per spec with `createMapContext`. */
export interface MapContext {
  spec: SpecIndex;
  views: SchemaViews;
  /** Also run the spec layer's Ajv validation for keywords the walker does not cover. */
  validate: boolean;
  /** Extra header names whose values must never be printed. */
  redactHeaders: readonly string[];
  /** pathTemplate+method -> documented header names (cache). */
  headerDocs: Map<string, Set<string>>;
  /** Spec answers that depend only on operation, status/content type or event type (caches). */
  responseChoices: Map<string, SchemaChoice | null>;
  eventChoices: Map<string, EventChoice>;
}

export function createMapContext(spec: SpecIndex, options: { validate?: boolean; redactHeaders?: readonly string[] } = {}): MapContext {
  return { spec, views: new SchemaViews((ref) => spec.resolveRef(ref)), validate: options.validate ?? true, redactHeaders: options.redactHeaders ?? [], headerDocs: new Map(), responseChoices: new Map(), eventChoices: new Map() };
}

/** Ajv keywords the walker does not express itself; reported as `schema-violation`. */
const EXTRA_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf', 'minProperties', 'maxProperties']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The model an exchange talked to: response body, first event, or request body. */
export function modelOf(ex: Exchange): string | null {
  const candidates: unknown[] = [];
  if (ex.response.body.kind === 'json' && isObject(ex.response.body.value)) candidates.push(ex.response.body.value['model']);
  for (const e of ex.response.events ?? []) {
    if (!isObject(e.data)) continue;
    candidates.push(e.data['model'], isObject(e.data['response']) ? e.data['response']['model'] : undefined);
    break;
  }
  if (ex.request.body.kind === 'json' && isObject(ex.request.body.value)) candidates.push(ex.request.body.value['model']);
  for (const c of candidates) if (typeof c === 'string' && c !== '') return c;
  return null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return url;
  }
}

/** The observation group for a key, created on first use. */
export function group(agg: Aggregate, key: string, operation: string, event: string | null, choice: SchemaChoice | null): GroupAgg {
  let g = agg.groups.get(key);
  if (!g) {
    g = { key, operation, event, schema: choice?.name ?? null, pointer: choice?.pointer ?? null, samples: 0, models: new Set(), providers: new Map(), fields: new Map(), absent: new Map() };
    agg.groups.set(key, g);
  }
  return g;
}

/** Where a payload came from: its exchange, operation, model and stream event index. */
export interface Where {
  ex: Exchange;
  operation: string | null;
  model: string | null;
  event: number | null;
}

function finding(agg: Aggregate, w: Where, kind: FindingKind, path: string, message: string, extra: { schema?: string | null; observedType?: string; value?: string } = {}): void {
  const f: Finding = { kind, operation: w.operation, schema: extra.schema ?? null, path, message, file: w.ex.source.file, entry: w.ex.source.entry, event: w.event, model: w.model, provider: w.ex.provider };
  if (extra.observedType !== undefined) f.observedType = extra.observedType;
  if (extra.value !== undefined) f.value = extra.value;
  addFinding(agg, f);
}

/** Walks one payload into its group, turning walk issues into findings. */
export function observePayload(ctx: MapContext, agg: Aggregate, w: Where, g: GroupAgg, choice: SchemaChoice | null, value: unknown, validate = ctx.validate): void {
  g.samples++;
  if (w.model && g.models.size < DISTINCT_CAP) g.models.add(w.model);
  g.providers.set(w.ex.provider, (g.providers.get(w.ex.provider) ?? 0) + 1);
  let issues = 0;
  const sink: WalkSink = {
    field(path: string, type: string, v: unknown, info: FieldInfo) {
      let f = g.fields.get(path);
      if (!f) {
        if (g.fields.size >= FIELDS_CAP) return;
        f = { count: 0, types: {}, examples: [], models: new Set(), providers: new Set(), documented: info.documented, description: info.description, specTypes: info.specTypes, specNullable: info.specNullable };
        g.fields.set(path, f);
      } else if (info.documented && !f.documented) Object.assign(f, info);
      f.count++;
      f.types[type] = (f.types[type] ?? 0) + 1;
      if (f.examples.length < EXAMPLES_CAP && type !== 'object' && type !== 'array') {
        const ex = shortValue(v, path.split('.').pop() ?? null);
        if (!f.examples.includes(ex)) f.examples.push(ex);
      }
      if (w.model && f.models.size < DISTINCT_CAP) f.models.add(w.model);
      if (f.providers.size < DISTINCT_CAP) f.providers.add(w.ex.provider);
    },
    absent(path: string) {
      let ps = g.absent.get(path);
      if (!ps) {
        if (g.absent.size >= FIELDS_CAP) return;
        ps = new Set();
        g.absent.set(path, ps);
      }
      if (ps.size < DISTINCT_CAP) ps.add(w.ex.provider);
    },
    issue(i: WalkIssue) {
      issues++;
      finding(agg, w, i.kind, i.path, i.message, { schema: i.schema, observedType: i.observedType, value: i.value });
    },
  };
  if (!choice) {
    sink.field('', 'object', value, { documented: false, description: null, specTypes: null, specNullable: false });
    return;
  }
  walk(ctx.views, choice.schema, value, sink, '', choice.name);
  if (validate) {
    for (const v of ctx.spec.validate(choice, value)) {
      if (EXTRA_KEYWORDS.has(v.keyword)) finding(agg, w, 'schema-violation', v.path, `${v.keyword}: ${v.message}`, { schema: choice.name });
    }
  }
  void issues;
}

function observeHeaders(ctx: MapContext, agg: Aggregate, w: Where, op: OperationMatch): void {
  const docKey = `${op.method} ${op.pathTemplate}`;
  let docs = ctx.headerDocs.get(docKey);
  if (!docs) {
    docs = documentedHeaders(ctx.spec.document, op.pathTemplate, op.method);
    ctx.headerDocs.set(docKey, docs);
  }
  const catalogue = agg.headers.get(op.key) ?? new Map();
  agg.headers.set(op.key, catalogue);
  for (const [name, value] of Object.entries(w.ex.response.headers)) {
    const documented = docs.has(name);
    const h = catalogue.get(name) ?? { count: 0, examples: [], documented };
    catalogue.set(name, h);
    h.count++;
    const example = headerExample(name, String(value), ctx.redactHeaders);
    if (h.examples.length < EXAMPLES_CAP && !h.examples.includes(example)) h.examples.push(example);
    if (!documented && !isInfrastructureHeader(name)) {
      finding(agg, w, 'undocumented-header', name, `response header \`${name}\` is not documented for ${op.key}`, { observedType: 'string', value: example });
    }
  }
  for (const rl of parseRateLimits(w.ex.response.headers)) {
    addRateLimit(agg, { operation: op.key, provider: w.ex.provider, resource: rl.resource, limit: rl.limit, remaining: rl.remaining, resetMs: rl.resetMs, rawReset: rl.rawReset, consistent: rl.consistent, file: w.ex.source.file, entry: w.ex.source.entry });
  }
}

function errorChoice(ctx: MapContext): SchemaChoice | null {
  const schema = ctx.spec.resolveRef('#/components/schemas/ErrorResponse');
  return schema === undefined ? null : { name: 'ErrorResponse', pointer: '#/components/schemas/ErrorResponse', schema };
}

/**
 * The spec's schema for an event, cached by operation, SSE name and the payload's `type`/`object`
 * (all the spec layer looks at); payloads without either are asked every time.
 */
function eventChoice(ctx: MapContext, op: OperationMatch, event: string | undefined, data: unknown): EventChoice {
  const ask = (): EventChoice => ctx.spec.eventSchema(op, event === undefined ? { data } : { event, data });
  if (!isObject(data)) return ask();
  const t = typeof data['type'] === 'string' ? data['type'] : typeof data['object'] === 'string' ? `object:${data['object']}` : null;
  if (t === null) return ask();
  const key = `${op.pathKey ?? op.key}|${op.key}|${event ?? ''}|${t}`;
  let choice = ctx.eventChoices.get(key);
  if (!choice) {
    choice = ask();
    ctx.eventChoices.set(key, choice);
  }
  return choice;
}

function eventTypeOf(data: unknown, sse: string | undefined): string {
  if (isObject(data)) {
    if (typeof data['type'] === 'string') return data['type'];
    if (typeof data['object'] === 'string') return data['object'];
  }
  return sse ?? 'message';
}

/** Analyses one exchange into `agg` (body or every stream event, headers, stream reassembly). */
export function analyzeExchange(ctx: MapContext, agg: Aggregate, ex: Exchange): void {
  agg.exchanges++;
  const w: Where = { ex, operation: null, model: modelOf(ex), event: null };
  const op = ctx.spec.matchOperation(ex.request.method, ex.request.url);
  if (!op) {
    const path = pathOf(ex.request.url).replace(/^\/v1(?=\/)/, '');
    const host = hostOf(ex.request.url);
    const where = host && host !== 'api.openai.com' ? ` (host ${host})` : '';
    finding(agg, w, 'unknown-operation', '', `${ex.request.method.toUpperCase()} ${path} is not an operation of the spec${where}`, { value: `${ex.request.method.toUpperCase()} ${path}` });
    agg.events += ex.response.events?.length ?? 0;
    return;
  }
  w.operation = op.key;
  observeHeaders(ctx, agg, w, op);
  const contentType = ex.response.headers['content-type']?.split(';')[0]?.trim() ?? null;
  const events = ex.response.events;
  if (events && events.length > 0) {
    for (const ev of events) {
      agg.events++;
      const we: Where = { ...w, event: ev.index };
      if (!ev.json) continue; // `[DONE]` and raw text payloads carry no fields
      const choice = eventChoice(ctx, op, ev.event, ev.data);
      if (choice.kind === 'terminator') continue;
      const type = choice.kind === 'schema' ? (choice.eventType ?? eventTypeOf(ev.data, ev.event)) : (choice.eventType ?? eventTypeOf(ev.data, ev.event));
      const key = `${op.key} :: ${type}`;
      if (choice.kind === 'unknown') {
        finding(agg, we, 'unknown-event', '', `stream event \`${type}\` is not defined by the spec (${choice.reason})`, { value: type, observedType: 'object' });
        observePayload(ctx, agg, we, group(agg, key, op.key, type, null), null, ev.data);
        continue;
      }
      // Events are many and small; Ajv runs on bodies only (the walker covers events fully).
      observePayload(ctx, agg, we, group(agg, key, op.key, type, choice.choice), choice.choice, ev.data, false);
    }
    const r = reassemble(ex);
    for (const i of r.issues) finding(agg, { ...w, event: i.event }, 'stream-inconsistency', i.path, i.message, { value: i.value });
    if (agg.streams.length < STREAMS_CAP) {
      const t = streamTiming(ex);
      agg.streams.push({
        operation: op.key, provider: ex.provider, file: ex.source.file, entry: ex.source.entry, events: events.length,
        firstEventMs: t.firstEventMs, gapsMs: t.gapsMs, kind: r.kind,
        ...(r.text ? { text: r.text } : {}),
        ...(r.final ? { reassembled: r.final } : {}),
      });
    }
    return;
  }
  if (ex.response.body.kind !== 'json') return; // audio, files, plain text: nothing to map
  const error = ex.response.status >= 400;
  const rkey = `${op.pathKey ?? op.key}|${op.key}|${ex.response.status}|${contentType}`;
  let choice = ctx.responseChoices.get(rkey);
  if (choice === undefined) {
    choice = ctx.spec.responseSchema(op, ex.response.status, contentType ?? 'application/json');
    ctx.responseChoices.set(rkey, choice);
  }
  if (!choice && error) choice = errorChoice(ctx);
  const key = error ? `${op.key} (error)` : op.key;
  observePayload(ctx, agg, w, group(agg, key, op.key, null, choice), choice, ex.response.body.value);
}

/** Pure per-file step: one reader result in, one partial aggregate out (parallelisable). */
export function analyzeReadResult(ctx: MapContext, result: ReadResult): Aggregate {
  const agg = emptyAggregate();
  agg.files = 1;
  for (const e of result.errors) {
    agg.errors++;
    addFinding(agg, { kind: 'read-error', operation: null, schema: null, path: '', message: e.message, file: e.file, entry: e.entry, event: null, model: null, provider: 'unknown' });
  }
  for (const ex of result.exchanges) {
    try {
      analyzeExchange(ctx, agg, ex);
    } catch (error) {
      // A bug in one exchange must not cost the rest of the run; it is reported like a read error.
      agg.errors++;
      addFinding(agg, { kind: 'read-error', operation: null, schema: null, path: '', message: `analysis failed: ${(error as Error).message}`, file: ex.source.file, entry: ex.source.entry, event: null, model: null, provider: ex.provider });
    }
  }
  return agg;
}
