import { gzipSync } from 'node:zlib';
import type { FuzzInput, Mutated, Mutator } from './mutators.ts';
import type { Rng } from './prng.ts';

/**
 * The corpus holds no HAR files, so the fuzzer builds HAR 1.2 documents from the dd-trace JSON
 * recordings (plain `{request, response}` pairs) and breaks those. The builder is independent of
 * our readers on purpose: a reader bug must not shape its own fuzz input.
 */

interface DdTraceRecording {
  request: { method: string; url: string; headers?: Record<string, string>; body?: string };
  response: { status: { code: number; message?: string } | number; headers?: Record<string, string>; body?: string };
}

const toPairs = (headers: Record<string, string> = {}): Array<{ name: string; value: string }> =>
  Object.entries(headers).map(([name, value]) => ({ name, value: String(value) }));

/** True when a parsed document looks like a dd-trace recording. */
export function isDdTraceRecording(doc: unknown): doc is DdTraceRecording {
  const d = doc as Partial<DdTraceRecording> | null;
  return !!d && typeof d === 'object' && typeof d.request?.url === 'string' && d.response !== undefined;
}

/**
 * One HAR 1.2 log with an entry per recording. With `gzipEntry`, that entry's response body is
 * stored the way some exporters do it: gzip bytes, base64 `encoding`, `content-encoding: gzip`.
 */
export function buildHar(recordings: readonly DdTraceRecording[], gzipEntry: number | null = null): unknown {
  const entries = recordings.map((rec, i) => {
    const status = typeof rec.response.status === 'number' ? rec.response.status : rec.response.status.code;
    const headers = { ...rec.response.headers };
    const mimeType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
    const body = rec.response.body ?? '';
    const content: Record<string, unknown> = { size: Buffer.byteLength(body), mimeType, text: body };
    if (i === gzipEntry) {
      content['text'] = gzipSync(body).toString('base64');
      content['encoding'] = 'base64';
      headers['Content-Encoding'] = 'gzip';
    }
    return {
      startedDateTime: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
      time: 100,
      request: {
        method: rec.request.method,
        url: rec.request.url,
        httpVersion: 'HTTP/1.1',
        headers: toPairs(rec.request.headers),
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: Buffer.byteLength(rec.request.body ?? ''),
        ...(rec.request.body ? { postData: { mimeType: 'application/json', text: rec.request.body } } : {}),
      },
      response: {
        status,
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        headers: toPairs(headers),
        cookies: [],
        content,
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: 100, receive: 0 },
    };
  });
  return { log: { version: '1.2', creator: { name: 'fieldwork-fuzz', version: '1' }, entries } };
}

/** Keys an entry cannot lose and still be an exchange: a reader must report the entry. */
const REQUIRED_ENTRY_KEYS = [
  ['request'],
  ['response'],
  ['request', 'url'],
  // No longer defaulted to GET (that filed the entry under the wrong operation): an entry error.
  ['request', 'method'],
  ['response', 'status'],
];
/** Keys a lenient reader may do without (empty headers, empty body): never a crash either way. */
const OPTIONAL_ENTRY_KEYS = [
  ['request', 'headers'],
  ['response', 'headers'],
  ['response', 'content'],
  ['response', 'content', 'text'],
  ['response', 'content', 'mimeType'],
  ['request', 'postData'],
  ['startedDateTime'],
  ['timings'],
];

function deleteAt(root: Record<string, unknown>, path: readonly string[]): void {
  let node: Record<string, unknown> | undefined = root;
  for (const key of path.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
  if (node) delete node[path[path.length - 1]!];
}

export const harMissingKeys: Mutator = {
  name: 'har-missing-keys',
  applies: (input: FuzzInput) => Array.isArray((input.json as { log?: { entries?: unknown } } | undefined)?.log?.entries),
  mutate(input: FuzzInput, rng: Rng): Mutated {
    const doc = structuredClone(input.json) as { log: Record<string, unknown> & { entries: Array<Record<string, unknown>> } };
    const count = doc.log.entries.length;
    if (rng.chance(0.1)) {
      // Lose the document's spine: the whole file is unreadable and must say so.
      if (rng.chance(0.5)) delete (doc as Record<string, unknown>)['log'];
      else delete (doc.log as Record<string, unknown>)['entries'];
      return { name: input.name, bytes: Buffer.from(JSON.stringify(doc, null, 2)), expect: 'error', note: 'removed log/entries' };
    }
    const touched = new Set<number>();
    let required = false;
    const notes: string[] = [];
    for (let i = 0, n = rng.range(1, Math.min(3, count)); i < n; i++) {
      const entry = rng.int(count);
      const useRequired = rng.chance(0.5);
      const path = rng.pick(useRequired ? REQUIRED_ENTRY_KEYS : OPTIONAL_ENTRY_KEYS);
      deleteAt(doc.log.entries[entry]!, path);
      touched.add(entry);
      required ||= useRequired;
      notes.push(`entries[${entry}].${path.join('.')}`);
    }
    const intactEntries = [...Array(count).keys()].filter((i) => !touched.has(i));
    return {
      name: input.name,
      bytes: Buffer.from(JSON.stringify(doc, null, 2)),
      expect: required ? 'entry-error' : 'no-crash',
      intactEntries,
      note: `removed ${notes.join(', ')}`,
    };
  },
};
