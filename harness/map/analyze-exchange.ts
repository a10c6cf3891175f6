import type { Exchange, ReadResult } from '../core/exchange.ts';
import type { OperationMatch } from '../spec/types.ts';
import { emptyAggregate, STREAMS_CAP, type Aggregate } from './aggregate.ts';
import { addFinding } from './findings.ts';
import { bodyGroupKey, finding, group, observeHeaders, observePayload, type MapContext, type Where } from './observe.ts';
import { reassemble, streamTiming } from './streams.ts';
import { eventEntry, eventTable } from './event-table.ts';
import { isRecord } from '../core/json.ts';
import { remember } from '../core/remember.ts';
import { mediaType } from '../core/media-type.ts';

export { createMapContext, group, observePayload, type MapContext, type Where } from './observe.ts';

/**
 * One string object per model name: each payload brings its own copy, and the per-field model
 * sets compare a new copy character by character, but the same object by identity.
 */
const MODELS = new Map<string, string>();
const same = (model: string): string => model;
const canonicalModel = (model: string | null): string | null => (model === null ? null : remember(MODELS, model, 10_000, same));

/** The model an exchange talked to: response body, first event, or request body. */
export function modelOf(ex: Exchange): string | null {
  const candidates: unknown[] = [];
  if (ex.response.body.kind === 'json' && isRecord(ex.response.body.value)) candidates.push(ex.response.body.value['model']);
  for (const e of ex.response.events ?? []) {
    if (!isRecord(e.data)) continue;
    candidates.push(e.data['model'], isRecord(e.data['response']) ? e.data['response']['model'] : undefined);
    break;
  }
  if (ex.request.body.kind === 'json' && isRecord(ex.request.body.value)) candidates.push(ex.request.body.value['model']);
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

function operationOf(ctx: MapContext, method: string, url: string): OperationMatch | null {
  return remember(ctx.operations, `${method} ${url}`, 20_000, () => ctx.spec.matchOperation(method, url));
}

/** Analyses one exchange into `agg` (body or every stream event, headers, stream reassembly). */
export function analyzeExchange(ctx: MapContext, agg: Aggregate, ex: Exchange): void {
  agg.exchanges++;
  const w: Where = { ex, operation: null, model: canonicalModel(modelOf(ex)), event: null };
  const op = operationOf(ctx, ex.request.method, ex.request.url);
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
  const contentType = mediaType(ex.response.headers['content-type']);
  const events = ex.response.events;
  if (events && events.length > 0) {
    const table = eventTable(ctx, op);
    for (const ev of events) {
      agg.events++;
      if (!ev.json) continue; // `[DONE]` and raw text payloads carry no fields
      const { choice, type, key } = eventEntry(ctx, table, op, ev.event, ev.data);
      if (choice.kind === 'terminator') continue;
      const we: Where = { ...w, event: ev.index };
      if (choice.kind === 'unknown') {
        finding(agg, we, 'unknown-event', '', `stream event \`${type}\` is not defined by the spec (${choice.reason})`, { value: type, observedType: 'object' });
        observePayload(ctx, agg, we, group(agg, key, op.key, type, null), null, ev.data);
        continue;
      }
      observePayload(ctx, agg, we, group(agg, key, op.key, type, choice.choice), choice.choice, ev.data);
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
    // An error body that parsed as JSON under another content type (`text/plain`, `text/html`):
    // whatever the spec says for that status as JSON, its error schema at the least.
    if (!choice && error) choice = ctx.spec.responseSchema(op, ex.response.status, 'application/json');
    ctx.responseChoices.set(rkey, choice);
  }
  const key = bodyGroupKey(op.key, ex.response.status);
  observePayload(ctx, agg, w, group(agg, key, op.key, null, choice), choice, ex.response.body.value);
}

/**
 * The per-file step: one reader result analysed into `agg` (a fresh partial aggregate unless one
 * is given). Accumulating many files into one aggregate gives what merging their partials in the
 * same order gives (see `mergeInto`), without a partial and a merge per file.
 */
export function analyzeReadResult(ctx: MapContext, result: ReadResult, agg: Aggregate = emptyAggregate()): Aggregate {
  agg.files++;
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
