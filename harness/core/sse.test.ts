import { describe, expect, it } from 'vitest';
import { parseSse } from './sse.ts';

describe('parseSse', () => {
  const cases: Array<{ name: string; body: string; events: Array<{ event?: string; data: unknown }>; done?: boolean; unterminated?: boolean }> = [
    { name: 'chat chunks with [DONE]', body: 'data: {"a":1}\n\ndata: [DONE]\n\n', events: [{ data: { a: 1 } }, { data: '[DONE]' }], done: true },
    { name: 'named events', body: 'event: response.created\ndata: {"type":"response.created"}\n\n', events: [{ event: 'response.created', data: { type: 'response.created' } }] },
    { name: 'CRLF line ends', body: 'data: {"a":1}\r\n\r\ndata: {"a":2}\r\n\r\n', events: [{ data: { a: 1 } }, { data: { a: 2 } }] },
    { name: 'CR line ends', body: 'data: 1\r\rdata: 2\r\r', events: [{ data: '1' }, { data: '2' }] },
    { name: 'multi-line data joined with LF', body: 'data: {"a":\ndata: 1}\n\n', events: [{ data: { a: 1 } }] },
    { name: 'comments ignored', body: ': keep-alive\n\ndata: {"x":true}\n\n', events: [{ data: { x: true } }] },
    { name: 'missing final blank line', body: 'data: {"a":1}\n\ndata: {"a":2}', events: [{ data: { a: 1 } }, { data: { a: 2 } }], unterminated: true },
    { name: 'non-JSON payload stays text', body: 'data: hello\n\n', events: [{ data: 'hello' }] },
    { name: 'broken JSON stays text', body: 'data: {"a":\n\n', events: [{ data: '{"a":' }] },
  ];
  it.each(cases)('$name', ({ body, events, done, unterminated }) => {
    const result = parseSse(body);
    expect(result.events.map((e) => (e.event ? { event: e.event, data: e.data } : { data: e.data }))).toEqual(events);
    expect(result.done).toBe(done ?? false);
    expect(result.unterminated).toBe(unterminated ?? false);
  });

  it.each([
    ['final newline in a chunk of its own', [{ text: 'data: {"a":1}' }, { text: '\n' }], true],
    ['blank line split across chunks', [{ text: 'data: {"a":1}\n' }, { text: '\n' }], false],
    ['terminated, then an empty chunk', [{ text: 'data: {"a":1}\n\n' }, { text: '' }], false],
  ])('unterminated is judged on the whole text: %s', (_name, chunks, unterminated) => {
    const result = parseSse(chunks);
    expect(result.unterminated).toBe(unterminated);
    expect(result.events.map((e) => e.data)).toEqual([{ a: 1 }]);
  });

  it('stamps each event with the offset of the chunk that completed it', () => {
    const result = parseSse([
      { text: 'data: {"a":', offsetMs: 5 },
      { text: '1}\n\n', offsetMs: 12 },
      { text: 'data: {"b":2}\n\n', offsetMs: 30 },
    ]);
    expect(result.events.map((e) => e.offsetMs)).toEqual([12, 30]);
    expect(result.events.map((e) => e.index)).toEqual([0, 1]);
  });
});
