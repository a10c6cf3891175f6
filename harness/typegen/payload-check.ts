import type { Exchange } from '../core/exchange.ts';
import { bodyGroupKey } from '../map/observe.ts';
import type { SpecIndex } from '../spec/types.ts';

/** One recorded payload with the component schema it was matched to. */
export interface TypedPayload {
  schema: string;
  where: string;
  value: unknown;
}

/**
 * The payloads of an exchange paired with their schema, chosen exactly as the mapper chooses
 * them (bodies by operation/status via `groupSchemas` from typegen, stream events by event
 * type), so a type check covers what the report describes.
 */
export function typedPayloads(ex: Exchange, spec: SpecIndex, groupSchemas: Record<string, string>): TypedPayload[] {
  const op = spec.matchOperation(ex.request.method, ex.request.url);
  if (!op) return [];
  const where = `${ex.source.file}#${ex.source.entry ?? '-'}`;
  const events = ex.response.events;
  const out: TypedPayload[] = [];
  if (events && events.length > 0) {
    for (const ev of events) {
      if (!ev.json) continue;
      const choice = spec.eventSchema(op, ev.event === undefined ? { data: ev.data } : { event: ev.event, data: ev.data });
      if (choice.kind === 'schema' && choice.choice.name) out.push({ schema: choice.choice.name, where: `${where} event ${ev.index}`, value: ev.data });
    }
    return out;
  }
  if (ex.response.body.kind !== 'json') return out;
  const key = bodyGroupKey(op.key, ex.response.status);
  const schema = groupSchemas[key];
  if (schema) out.push({ schema, where, value: ex.response.body.value });
  return out;
}

/**
 * TypeScript source that holds every payload against a generated type with `satisfies` (excess
 * property checks included), one constant per payload, each labelled with its cassette and entry
 * so a compiler error points at the recording.
 */
export function satisfiesSource(payloads: TypedPayload[], importFrom: string, typeName: (schema: string) => string): string {
  const lines = [`import type * as T from ${JSON.stringify(importFrom)};`, ''];
  payloads.forEach((p, i) => {
    lines.push(`// ${p.where.replace(/\n/g, ' ')}`);
    lines.push(`export const p${i} = ${JSON.stringify(p.value)} satisfies T.${typeName(p.schema)};`);
  });
  return `${lines.join('\n')}\n`;
}
