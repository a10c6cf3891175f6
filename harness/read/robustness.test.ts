import { constants } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SseChunk } from '../core/sse.ts';
import { readBytes } from './index.ts';
import { insertSeparators, missingEventSeparators } from './sse-gaps.ts';

/** Robustness fixes found by the fuzz tests, each on small hand-made damage to the fixtures. */
const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, 'fixtures', name));

/** The bytes with `bad` spliced in before the first occurrence of `before` (and its offset). */
function splice(bytes: Buffer, before: string, bad: number[]): { bytes: Buffer; at: number } {
  const at = bytes.indexOf(before);
  if (at < 0) throw new Error(`fixture lacks ${before}`);
  return { bytes: Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]), at };
}

describe('invalid UTF-8: every entry is still read, with one error for the file', () => {
  const vcr = fixture('vcrpy.yaml');
  const har = fixture('devtools.har');
  const sse = fixture('responses-crlf.sse');
  const twoBad = (() => {
    const first = splice(vcr, 'input: hello', [0xff]);
    const second = splice(first.bytes, 'text_completion', [0xc3, 0x28]);
    // text_completion comes first in the file: its offset is not moved by the later 0xff.
    expect(second.at).toBeLessThan(first.at);
    return { bytes: second.bytes, at: second.at };
  })();
  const genuine = Buffer.from('\ufffd', 'utf8');
  const afterGenuine = (() => {
    const withReplacement = splice(vcr, 'input: hello', [...genuine]);
    const bad = splice(withReplacement.bytes, 'model: m', [0xed, 0xa0, 0x80]);
    return bad;
  })();

  it.each([
    { name: 'VCR YAML, a 0xff in a body', ...splice(vcr, 'input: hello', [0xff]), clean: vcr },
    { name: 'VCR YAML, two bad sequences (the first is named)', ...twoBad, clean: vcr },
    { name: 'VCR YAML, a genuine U+FFFD before the bad byte', ...afterGenuine, clean: vcr },
    { name: 'HAR, a broken two-byte sequence in a JSON string', ...splice(har, 'gpt-', [0xc3, 0x28]), clean: har },
    { name: 'raw SSE, a lone continuation byte in an event', ...splice(sse, 'sequence_number":2', [0x80]), clean: sse },
  ])('$name', ({ bytes, at, clean }) => {
    const expected = readBytes('x', clean, { endpoint: 'POST /v1/responses' });
    const result = readBytes('bad.file', bytes, { endpoint: 'POST /v1/responses' });
    expect(expected.errors).toEqual([]);
    expect(result.exchanges).toHaveLength(expected.exchanges.length);
    expect(result.exchanges.map((ex) => ex.source.entry)).toEqual(expected.exchanges.map((ex) => ex.source.entry));
    expect(result.errors).toEqual([
      { file: 'bad.file', entry: null, message: `not valid UTF-8: first invalid byte at offset ${at}; invalid bytes were read as U+FFFD` },
    ]);
    // The bad bytes are in the data as U+FFFD (the clean file has none).
    expect(JSON.stringify(result.exchanges)).toContain('\ufffd');
  });

  it('still names a binary file as such (with the offset of its first bad byte)', () => {
    const result = readBytes('x.bin', new Uint8Array([0x00, 0x00, 0x81, 0xfe]));
    expect(result.exchanges).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual(['not UTF-8 text (a binary file, not a cassette; first invalid byte at offset 2)']);
  });

  it('leaves base64 binary bodies alone', () => {
    const result = readBytes('bad.yaml', splice(vcr, 'input: hello', [0xff]).bytes);
    const clean = readBytes('ok.yaml', vcr);
    const bytesBodies = (r: typeof result) => r.exchanges.filter((ex) => ex.response.body.kind === 'bytes' || ex.response.events).map((ex) => JSON.stringify(ex.response));
    expect(bytesBodies(result)).toEqual(bytesBodies(clean));
  });
});

describe('HAR entries without a usable request.method are errors, not GETs', () => {
  const doc = JSON.parse(fixture('devtools.har').toString('utf8')) as { log: { entries: Array<{ request: Record<string, unknown> }> } };
  it.each([
    ['missing', undefined],
    ['a number', 42],
    ['empty', ''],
  ])('method %s', (_name, method) => {
    const broken = structuredClone(doc);
    if (method === undefined) delete broken.log.entries[1]!.request['method'];
    else broken.log.entries[1]!.request['method'] = method;
    const result = readBytes('m.har', JSON.stringify(broken));
    expect(result.errors).toEqual([{ file: 'm.har', entry: 1, message: 'HAR entry lacks request.method' }]);
    expect(result.exchanges.map((ex) => [ex.source.entry, ex.request.method])).toEqual([
      [0, 'POST'],
      [2, 'GET'],
      [3, 'GET'],
    ]);
  });
});

describe('event streams without blank lines between events: every event kept, with a note', () => {
  const chunk = (n: number) => `{"object":"chat.completion.chunk","n":${n}}`;
  const crlf = fixture('responses-crlf.sse').toString('utf8');
  const intact = readBytes('ok.sse', crlf).exchanges[0]!.response.events!;
  const NOTE = /^event stream lacks blank lines between events: (\d+) event boundar(y was|ies were) restored/;

  it.each([
    { name: 'data lines only', text: `data: ${chunk(1)}\ndata: ${chunk(2)}\ndata: [DONE]\n\n`, events: [[undefined, chunk(1)], [undefined, chunk(2)], [undefined, '[DONE]']], restored: 2 },
    { name: 'named events, CRLF', text: `event: a\r\ndata: ${chunk(1)}\r\nevent: b\r\nid: 2\r\ndata: ${chunk(2)}\r\n\r\n`, events: [['a', chunk(1)], ['b', chunk(2)]], restored: 1 },
    { name: 'folded onto one line (YAML)', text: `event: a data: ${chunk(1)} event: b data: ${chunk(2)} data: [DONE]\n\n`, events: [['a', chunk(1)], ['b', chunk(2)], [undefined, '[DONE]']], restored: 2 },
    { name: 'a comment line between two events', text: `data: ${chunk(1)}\n: keep-alive\ndata: ${chunk(2)}\n\n`, events: [[undefined, chunk(1)], [undefined, chunk(2)]], restored: 1 },
    { name: 'the same gap after an unrelated named event', text: `event: x\ndata: ${chunk(0)}\n\ndata: ${chunk(1)}\n: keep-alive\ndata: ${chunk(2)}\n\n`, events: [['x', chunk(0)], [undefined, chunk(1)], [undefined, chunk(2)]], restored: 1 },
    { name: 'only some blank lines missing', text: `data: ${chunk(1)}\n\ndata: ${chunk(2)}\ndata: ${chunk(3)}\n\n`, events: [[undefined, chunk(1)], [undefined, chunk(2)], [undefined, chunk(3)]], restored: 1 },
    { name: 'multi-line JSON payloads stay whole', text: crlf.replace(/\r\n\r\n/g, '\r\n'), events: intact.map((e) => [e.event, JSON.stringify(e.data)]), restored: 2 },
    { name: 'intact stream: no note', text: crlf, events: intact.map((e) => [e.event, JSON.stringify(e.data)]), restored: 0 },
    { name: 'multi-line text data is one event', text: 'data: hello\ndata: world\n\n', events: [[undefined, '"hello\\nworld"']], restored: 0 },
  ])('$name', ({ text, events, restored }) => {
    const result = readBytes('s.sse', text, { endpoint: 'POST /v1/chat/completions' });
    expect(result.errors).toEqual([]);
    const exchange = result.exchanges[0]!;
    const got = exchange.response.events!.map((e) => [e.event, typeof e.data === 'string' && !e.json ? (e.data === '[DONE]' ? e.data : JSON.stringify(e.data)) : JSON.stringify(e.data)]);
    expect(got).toEqual(events);
    const notes = (exchange.notes ?? []).filter((n) => NOTE.test(n));
    expect(notes.map((n) => Number(NOTE.exec(n)![1]))).toEqual(restored > 0 ? [restored] : []);
    // The body itself is kept exactly as recorded.
    expect(exchange.response.body).toEqual({ kind: 'text', text });
  });

  it('keeps chunk timing when the gap falls at a chunk boundary or inside folded whitespace', () => {
    const text = `data: ${chunk(1)}\ndata: ${chunk(2)}  data: [DONE]\n\n`;
    const gaps = missingEventSeparators(text);
    expect(gaps.map((g) => [g.insert, g.remove, g.newEvent])).toEqual([
      ['\n', 0, true],
      ['\n\n', 2, true],
    ]);
    const second = text.indexOf('data: {', 1);
    const fold = text.indexOf('  data: [DONE]');
    const chunks: SseChunk[] = [
      { text: text.slice(0, second), offsetMs: 1 },
      { text: text.slice(second, fold + 1), offsetMs: 2 },
      { text: text.slice(fold + 1), offsetMs: 3 },
    ];
    const fixed = insertSeparators(chunks, gaps) as SseChunk[];
    expect(fixed.map((c) => c.offsetMs)).toEqual([1, 2, 3]);
    expect(fixed.map((c) => c.text).join('')).toBe(`data: ${chunk(1)}\n\ndata: ${chunk(2)}\n\ndata: [DONE]\n\n`);
  });
});

describe('a cassette too large to be one string', () => {
  it('is an error naming the file, not a RangeError that ends the run', () => {
    // allocUnsafe does not touch the pages: the test costs address space, not memory.
    const huge = Buffer.allocUnsafe(constants.MAX_STRING_LENGTH + 1);
    const result = readBytes('huge.har', huge);
    expect(result.exchanges).toEqual([]);
    const n = (x: number): string => x.toLocaleString('en-US');
    const message = `file is ${n(huge.length)} bytes, longer than the longest string this runtime can hold (${n(constants.MAX_STRING_LENGTH)} characters); split it into smaller cassettes`;
    expect(result.errors).toEqual([{ file: 'huge.har', entry: null, message }]);
  });
});
