import type { HeaderMap } from '../core/exchange.ts';
import { remember } from '../core/remember.ts';

/**
 * Normalises any cassette's headers to a HeaderMap: names lower-cased, list values and repeated
 * names joined with ", ". Accepts HAR arrays (`[{name, value}]`), maps of lists (VCR.py, Ruby
 * VCR) and maps of scalars (R vcr, Azure test-proxy, dd-trace).
 */
export function normalizeHeaders(input: unknown): HeaderMap {
  const out: HeaderMap = {};
  if (Array.isArray(input)) {
    for (const item of input) {
      if (typeof item !== 'object' || item === null) continue;
      const { name, value } = item as { name?: unknown; value?: unknown };
      if (typeof name === 'string') add(out, name, value);
    }
    return out;
  }
  if (typeof input === 'object' && input !== null) {
    const record = input as Record<string, unknown>;
    for (const name in record) if (Object.hasOwn(record, name)) add(out, name, record[name]);
  }
  return out;
}

/** Lower-cased header names: a corpus uses a few hundred names a hundred thousand times. */
const LOWER = new Map<string, string>();

const toLower = (name: string): string => name.toLowerCase();
const lower = (name: string): string => remember(LOWER, name, 10_000, toLower);

function add(out: HeaderMap, name: string, value: unknown): void {
  const text = !Array.isArray(value) ? scalar(value) : value.length === 1 ? scalar(value[0]) : value.map(scalar).join(', ');
  const key = lower(name);
  const previous = out[key];
  out[key] = previous === undefined ? text : `${previous}, ${text}`;
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  // VCR.py stores some header values as `!!binary`; they are latin-1 text on the wire.
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
  if (typeof value !== 'object') return String(value);
  // A structured value where a header string belongs (hand-edited or fuzzed cassettes): keep a
  // readable form, bounded so that pathological nesting cannot blow the stack.
  try {
    return JSON.stringify(value).slice(0, 4096);
  } catch {
    return '[unreadable header value]';
  }
}
