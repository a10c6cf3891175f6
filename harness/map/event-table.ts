import { isRecord } from '../core/json.ts';
import type { EventChoice, OperationMatch } from '../spec/types.ts';
import type { MapContext } from './observe.ts';

/**
 * The spec's answers for stream events, per operation. A stream repeats a handful of event types
 * thousands of times, so each (SSE name, payload `type` or `object`) pair is asked once, together
 * with the stream type and observation-group key that follow from it.
 */

/** An event's schema answer with its stream type and observation-group key, worked out once. */
export interface EventEntry {
  choice: EventChoice;
  type: string;
  key: string;
}

/** An operation's event answers: SSE name -> payload `type` (or `object`) -> entry. */
export interface EventTable {
  byType: Map<string, Map<string, EventEntry>>;
  byObject: Map<string, Map<string, EventEntry>>;
}

export function eventTable(ctx: MapContext, op: OperationMatch): EventTable {
  const opKey = `${op.pathKey ?? op.key}|${op.key}`;
  let table = ctx.eventChoices.get(opKey);
  if (!table) ctx.eventChoices.set(opKey, (table = { byType: new Map(), byObject: new Map() }));
  return table;
}

function entryFor(ctx: MapContext, op: OperationMatch, event: string | undefined, data: unknown): EventEntry {
  const choice = ctx.spec.eventSchema(op, event === undefined ? { data } : { event, data });
  const type = (choice.kind === 'terminator' ? null : choice.eventType) ?? eventTypeOf(data, event);
  return { choice, type, key: `${op.key} :: ${type}` };
}

/**
 * The spec's answer for an event, cached by operation, SSE name and the payload's `type`/`object`
 * (all the spec layer looks at), without building a key per event; payloads without either are
 * asked every time.
 */
export function eventEntry(ctx: MapContext, table: EventTable, op: OperationMatch, event: string | undefined, data: unknown): EventEntry {
  if (!isRecord(data)) return entryFor(ctx, op, event, data);
  const type = data['type'];
  const object = data['object'];
  const [byName, t] = typeof type === 'string' ? [table.byType, type] : typeof object === 'string' ? [table.byObject, object] : [null, null];
  if (byName === null || t === null) return entryFor(ctx, op, event, data);
  const name = event ?? '';
  let byT = byName.get(name);
  if (!byT) byName.set(name, (byT = new Map()));
  let entry = byT.get(t);
  if (!entry) byT.set(t, (entry = entryFor(ctx, op, event, data)));
  return entry;
}

function eventTypeOf(data: unknown, sse: string | undefined): string {
  if (isRecord(data)) {
    if (typeof data['type'] === 'string') return data['type'];
    if (typeof data['object'] === 'string') return data['object'];
  }
  return sse ?? 'message';
}

