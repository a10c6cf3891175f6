import type { Exchange } from '../core/exchange.ts';
import type { Finding, FindingKind } from '../core/finding.ts';
import type { OperationMatch, SchemaChoice, SpecIndex } from '../spec/types.ts';
import type { EventTable } from './event-table.ts';
import { addFinding, countIfFull } from './findings.ts';
import { addRateLimit, EXAMPLES_CAP, DISTINCT_CAP, type Aggregate, type GroupAgg } from './aggregate.ts';
import { documentedHeaders, headerExample, isInfrastructureHeader, parseRateLimits } from './headers.ts';
import { SchemaViews } from './schema-view.ts';
import { walk, walkUndocumented } from './walk.ts';
import { PayloadSink } from './payload-sink.ts';

/**
 * Recording what one payload says into a partial aggregate: observations per field path, findings
 * from the walker (and Ajv for the keywords it does not cover), headers and rate limits.
 */

/** Everything the per-file analysis needs; build once per spec with `createMapContext`. */
export interface MapContext {
  spec: SpecIndex;
  views: SchemaViews;
  /** Also check value constraints (`minimum`, `pattern`, `maxItems`, ...): `schema-violation`. */
  validate: boolean;
  /** Extra header names whose values must never be printed. */
  redactHeaders: readonly string[];
  /** method + path key -> documented header names (cache). */
  headerDocs: Map<string, Set<string>>;
  /** Spec answers that depend only on operation, status/content type or event type (caches). */
  responseChoices: Map<string, SchemaChoice | null>;
  /** `METHOD url` -> the spec's operation (bounded; most exchanges of a corpus repeat a URL). */
  operations: Map<string, OperationMatch | null>;
  /** Operation -> its stream events' answers (see `EventTable` in event-table.ts). */
  eventChoices: Map<string, EventTable>;
}

/**
 * The schema views for a spec, component names known up front. Walking and the coverage closure
 * (`finalizeReport`) must use views built this way, or a schema's name, and with it where a
 * recursive closure stops, depends on the path that reached it.
 */
export function schemaViews(spec: SpecIndex): SchemaViews {
  const components = spec.document['components'];
  const schemas = typeof components === 'object' && components !== null ? (components as Record<string, unknown>)['schemas'] : undefined;
  return new SchemaViews((ref) => spec.resolveRef(ref), typeof schemas === 'object' && schemas !== null ? (schemas as Record<string, unknown>) : {});
}

/** Builds the context once per spec; its caches only memoise answers the spec would give again. */
export function createMapContext(spec: SpecIndex, options: { validate?: boolean; redactHeaders?: readonly string[] } = {}): MapContext {
  return { spec, views: schemaViews(spec), validate: options.validate ?? true, redactHeaders: options.redactHeaders ?? [], headerDocs: new Map(), responseChoices: new Map(), eventChoices: new Map(), operations: new Map() };
}

/**
 * The observation group a response body belongs to: the operation, with error bodies (status >= 400)
 * kept apart so their fields never count as the success schema's. Typegen names payloads by it.
 */
export function bodyGroupKey(operation: string, status: number): string {
  return status >= 400 ? `${operation} (error)` : operation;
}

/** The observation group for a key, created on first use (named by the first payload with a schema). */
export function group(agg: Aggregate, key: string, operation: string, event: string | null, choice: SchemaChoice | null): GroupAgg {
  let g = agg.groups.get(key);
  if (!g) {
    g = { key, operation, event, schema: choice?.name ?? null, pointer: choice?.pointer ?? null, samples: 0, models: new Set(), providers: new Map(), fields: new Map(), absent: new Map() };
    agg.groups.set(key, g);
  } else if (choice) {
    // As `mergeInto` does: the first payload that had a schema names the group.
    g.schema ??= choice.name ?? null;
    g.pointer ??= choice.pointer;
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

export function finding(agg: Aggregate, w: Where, kind: FindingKind, path: string, message: string, extra: { schema?: string | null; observedType?: string; value?: string } = {}): void {
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
  const sink = new PayloadSink(agg, g, w, validate);
  if (!choice) {
    walkUndocumented(value, '', sink, 0); // observed, but the spec has nothing to say about any of it
    return;
  }
  walk(ctx.views, choice.schema, value, sink, '', choice.name);
}

/** Catalogues an exchange's response headers, parses its rate limits, reports undocumented ones. */
export function observeHeaders(ctx: MapContext, agg: Aggregate, w: Where, op: OperationMatch): void {
  const docKey = `${op.method} ${op.pathKey ?? op.pathTemplate}`;
  let docs = ctx.headerDocs.get(docKey);
  if (!docs) {
    docs = documentedHeaders(ctx.spec.document, op);
    ctx.headerDocs.set(docKey, docs);
  }
  const catalogue = agg.headers.get(op.key) ?? new Map();
  agg.headers.set(op.key, catalogue);
  for (const [name, value] of Object.entries(w.ex.response.headers)) {
    const documented = docs.has(name);
    const h = catalogue.get(name) ?? { count: 0, examples: [], documented };
    catalogue.set(name, h);
    h.count++;
    // Rendered (and redacted) only when it is kept: as an example, or on a stored finding.
    let example: string | undefined;
    if (h.examples.length < EXAMPLES_CAP) {
      example = headerExample(name, String(value), ctx.redactHeaders);
      if (!h.examples.includes(example)) h.examples.push(example);
    }
    if (!documented && !isInfrastructureHeader(name) && !countIfFull(agg, 'undocumented-header', op.key, name)) {
      example ??= headerExample(name, String(value), ctx.redactHeaders);
      finding(agg, w, 'undocumented-header', name, `response header \`${name}\` is not documented for ${op.key}`, { observedType: 'string', value: example });
    }
  }
  for (const rl of parseRateLimits(w.ex.response.headers)) {
    addRateLimit(agg, { operation: op.key, provider: w.ex.provider, resource: rl.resource, limit: rl.limit, remaining: rl.remaining, resetMs: rl.resetMs, rawReset: rl.rawReset, consistent: rl.consistent, file: w.ex.source.file, entry: w.ex.source.entry });
  }
}
