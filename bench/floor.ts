import type { Exchange } from '../harness/core/exchange.ts';
import type { SchemaChoice, SpecIndex } from '../harness/spec/types.ts';

/**
 * The floor analysis is measured against: the least work any tool must do to hold a corpus
 * against the spec, i.e. `JSON.parse` of every response body and stream event payload plus one
 * precompiled Ajv validation of it. Reading files, sniffing formats, YAML, walking fields and
 * writing the report are all on top of this.
 */
export interface FloorItem {
  text: string;
  choice: SchemaChoice | null;
}

export interface FloorResult {
  items: number;
  bytes: number;
  ms: number;
}

function contentType(headers: Record<string, string>): string | null {
  return headers['content-type'] ?? null;
}

/** The payloads of a corpus (response bodies and event data), each with the schema it goes with. */
export function floorItems(exchanges: readonly Exchange[], spec: SpecIndex): FloorItem[] {
  const items: FloorItem[] = [];
  for (const ex of exchanges) {
    const op = spec.matchOperation(ex.request.method, ex.request.url);
    if (ex.response.events && ex.response.events.length > 0) {
      for (const event of ex.response.events) {
        if (!event.json) continue;
        const choice = op ? spec.eventSchema(op, event) : null;
        items.push({ text: JSON.stringify(event.data), choice: choice?.kind === 'schema' ? choice.choice : null });
      }
    } else if (ex.response.body.kind === 'json') {
      const choice = op ? spec.responseSchema(op, ex.response.status, contentType(ex.response.headers)) : null;
      items.push({ text: JSON.stringify(ex.response.body.value), choice });
    }
  }
  return items;
}

/** Compiles every validator the items need, so the timed loop only runs them. */
export function precompile(items: readonly FloorItem[], spec: SpecIndex): void {
  for (const item of items) if (item.choice) spec.validate(item.choice, JSON.parse(item.text));
}

/** Parses and validates every item `repeat` times (the corpus replicated `repeat` times). */
export function runFloor(items: readonly FloorItem[], spec: SpecIndex, repeat: number): FloorResult {
  let bytes = 0;
  for (const item of items) bytes += item.text.length;
  let sink = 0;
  const started = performance.now();
  for (let r = 0; r < repeat; r++) {
    for (const item of items) {
      const value: unknown = JSON.parse(item.text);
      if (item.choice) sink += spec.validate(item.choice, value).length;
    }
  }
  const ms = performance.now() - started;
  if (sink < 0) console.log(sink); // keeps the loop observable to the optimiser
  return { items: items.length * repeat, bytes: bytes * repeat, ms };
}

/**
 * The floor for `scale` replicas: the fastest of `passes` timed passes over one replica, times
 * `scale`. The floor is an in-memory loop, linear by construction; on a shared machine the
 * fastest pass is the honest figure (a slow pass measures the neighbours, not the work). Seven
 * passes (about a second): with three, the floor moved by 15% between runs.
 */
export function floorAt(items: readonly FloorItem[], spec: SpecIndex, scale: number, passes = 7): FloorResult {
  let best: FloorResult | null = null;
  for (let i = 0; i < passes; i++) {
    const pass = runFloor(items, spec, 1);
    if (!best || pass.ms < best.ms) best = pass;
  }
  return { items: best!.items * scale, bytes: best!.bytes * scale, ms: best!.ms * scale };
}
