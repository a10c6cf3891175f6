import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Exchange, ReadResult } from '../core/exchange.ts';
import { readBytes, readFile } from './index.ts';

/** Hand-made fixtures (harness/read/fixtures), one per dialect, read through content sniffing. */
const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => join(FIXTURES, name);

function decoded(exchange: Exchange | undefined, side: 'request' | 'response' = 'response'): unknown {
  const body = exchange?.[side].body;
  if (body?.kind === 'json') return body.value;
  if (body?.kind === 'text') return body.text;
  if (body?.kind === 'bytes') return [...body.bytes];
  return body?.kind;
}

interface DialectCase {
  file: string;
  format: string;
  exchanges: number;
  check: (result: ReadResult) => void;
}

const DIALECTS: DialectCase[] = [
  {
    file: 'polly-stream.har',
    format: 'har',
    exchanges: 3,
    check: ({ exchanges: [stream, audio, upload] }) => {
      expect(stream?.provider).toBe('aimock');
      expect(stream?.source.meta).toMatchObject({ scenario: 'chat-stream', variant: 'basic', baseUrl: 'http://127.0.0.1:4010/v1' });
      expect(upload?.source.meta).toBe(stream?.source.meta);
      expect(decoded(upload, 'request')).toEqual([0, 1, 2, 250]);
      expect(stream?.recordedAt).toBe('2026-11-01T10:00:00.000Z');
      expect(stream?.request.headers['x-test']).toBe('a, b');
      expect(decoded(stream, 'request')).toEqual({ model: 'm', stream: true });
      // Chunk 1 ends inside the two-byte "é": the event completes with chunk 2 (9 ms).
      expect(stream?.response.events?.map((e) => [e.event, e.offsetMs, e.json])).toEqual([
        [undefined, 9, true],
        ['note', 20, true],
        [undefined, 30, false],
      ]);
      expect(stream?.response.events?.[0]?.data).toMatchObject({ choices: [{ delta: { content: 'héllo' } }] });
      expect(stream?.timing).toEqual({ chunkOffsetsMs: [5, 9, 20, 30], firstChunkMs: 5, totalMs: 42 });
      expect(audio?.timing).toBeUndefined();
      expect(decoded(audio)).toEqual([0xff, 0xf3, 0x00, 0x01]);
    },
  },
  {
    file: 'devtools.har',
    format: 'har',
    exchanges: 4,
    check: ({ exchanges: [embeddings, login, models, model] }) => {
      // DevTools stores content decoded even when content-encoding says br.
      expect(decoded(model)).toEqual({ object: 'model', id: 'gpt-x' });
      expect(embeddings?.source.meta).toBeUndefined();
      expect(embeddings?.provider).toBe('openai');
      expect(decoded(embeddings)).toEqual({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.5] }] });
      expect(login?.provider).toBe('example.test');
      expect(decoded(login, 'request')).toBe('user=a+b&n=1');
      expect(login?.response).toMatchObject({ status: 302, headers: { location: '/home' }, body: { kind: 'empty' } });
      expect(models?.request.headers).toEqual({});
      expect(decoded(models)).toEqual({ object: 'list', data: [] });
    },
  },
  {
    file: 'vcrpy.yaml',
    format: 'vcr-yaml',
    exchanges: 5,
    check: ({ exchanges: [gzip, sse, legacy, parsed, text] }) => {
      expect(gzip?.request.headers).toEqual({ 'content-type': 'application/json', accept: 'application/json', host: 'api.openai.com' });
      expect(decoded(gzip)).toMatchObject({ id: 'chatcmpl-gz1', object: 'chat.completion' });
      expect(gzip?.response.headers['set-cookie']).toBe('a=1, b=2');
      expect(sse?.request.body).toEqual({ kind: 'empty' });
      expect(sse?.response.events?.map((e) => e.data)).toEqual([{ id: 'c2', object: 'chat.completion.chunk', choices: [] }, '[DONE]']);
      expect(legacy?.response.status).toBe(200);
      expect(decoded(legacy)).toMatchObject({ object: 'text_completion' });
      expect(decoded(parsed, 'request')).toEqual({ input: 'hello', model: 'm' });
      expect(decoded(parsed)).toEqual({ id: 'resp_1', object: 'response', output: [] });
      expect(text?.provider).toBe('files.example.test');
      expect(text?.response.events).toBeUndefined();
      expect(decoded(text)).toBe('id: not an event stream\njust text\n');
    },
  },
  {
    file: 'ruby-vcr.yml',
    format: 'ruby-vcr',
    exchanges: 2,
    check: ({ exchanges: [models, speech] }) => {
      expect(models?.request.method).toBe('GET');
      expect(models?.recordedAt).toBe('2023-11-14T21:48:25.000Z');
      expect(models?.request.body).toEqual({ kind: 'empty' });
      expect(decoded(models)).toEqual({ object: 'list', data: [{ object: 'model', id: 'gpt-test' }] });
      expect(decoded(speech)).toEqual([0xff, 0xf3, 0x00, 0x01]);
    },
  },
  {
    file: 'r-vcr.yml',
    format: 'ruby-vcr',
    exchanges: 2,
    check: ({ exchanges: [embeddings, external], errors }) => {
      expect(external?.response.status).toBe(200);
      expect(external?.response.body).toEqual({ kind: 'empty' });
      expect(errors).toEqual([{ file: fixture('r-vcr.yml'), entry: 1, message: expect.stringMatching(/separate file/) }]);
      expect(embeddings?.response.status).toBe(200);
      expect(embeddings?.response.headers['x-ratelimit-remaining-requests']).toBe('2999');
      expect(embeddings?.request.headers['accept']).toBe('application/json, text/xml, application/xml, */*');
      expect(embeddings?.recordedAt).toBe('2024-05-01T12:00:00.000Z');
      expect(decoded(embeddings)).toMatchObject({ object: 'list' });
    },
  },
  {
    file: 'azure-proxy.json',
    format: 'azure-proxy',
    exchanges: 4,
    check: ({ exchanges: [stream, speech, text, upload] }) => {
      expect(stream?.request.headers['authorization']).toBe('Sanitized');
      expect(stream?.response.events?.map((e) => e.event)).toEqual(['thread.created', 'done']);
      expect(decoded(speech)).toEqual([0xff, 0xf3, 1, 2]);
      expect(decoded(text)).toBe('plain file content');
      expect(decoded(upload, 'request')).toContain('name="purpose"\r\n\r\nbatch\r\n');
      expect(upload?.response.status).toBe(404);
    },
  },
  {
    file: 'dd-trace.json',
    format: 'dd-trace-json',
    exchanges: 1,
    check: ({ exchanges: [stream] }) => {
      expect(stream?.source.entry).toBe(0);
      expect(decoded(stream, 'request')).toEqual({ model: 'm', stream: true });
      expect(stream?.response.events).toHaveLength(2);
    },
  },
  {
    file: 'responses-crlf.sse',
    format: 'sse',
    exchanges: 1,
    check: ({ exchanges: [stream] }) => {
      expect(stream?.request).toMatchObject({ method: 'POST', url: '/v1/responses' });
      expect(stream?.notes).toEqual([
        'endpoint POST /v1/responses inferred from the body',
        'body-only fixture: no request or headers recorded',
        'event stream ends without a final blank line',
      ]);
      expect(stream?.response.headers).toEqual({});
      // CRLF framing, a comment, `id:`, multi-line data and a missing final blank line.
      expect(stream?.response.events?.map((e) => [e.event, e.id, (e.data as { sequence_number: number }).sequence_number])).toEqual([
        ['response.created', undefined, 0],
        ['response.output_text.delta', '7', 1],
        ['response.completed', undefined, 2],
      ]);
    },
  },
  {
    file: 'completion.chunks.txt',
    format: 'json-lines',
    exchanges: 1,
    check: ({ exchanges: [stream] }) => {
      expect(stream?.request.url).toBe('/v1/completions');
      expect(stream?.response.events?.map((e) => e.index)).toEqual([0, 1]);
    },
  },
  {
    file: 'models-list.json',
    format: 'json-body',
    exchanges: 1,
    check: ({ exchanges: [list] }) => {
      expect(list?.source.entry).toBeNull();
      expect(list?.request).toMatchObject({ method: 'GET', url: '/v1/models' });
      expect(list?.notes).toContain('endpoint GET /v1/models inferred from the body');
    },
  },
  {
    file: 'stream.test.ts.snap',
    format: 'jest-snapshot',
    exchanges: 2,
    check: ({ exchanges: [stream, body], errors }) => {
      const first = stream?.response.events?.[0]?.data as { choices: { delta: { content: string } }[] };
      expect(first.choices[0]?.delta.content).toBe('{"a": `b` ${x}');
      expect(body?.source.entry).toBe(1);
      expect(decoded(body)).toMatchObject({ object: 'chat.completion' });
      expect(errors).toEqual([{ file: fixture('stream.test.ts.snap'), entry: 2, message: 'snapshot is not a raw body string' }]);
    },
  },
];

describe('readers, one hand-made fixture per dialect', () => {
  it.each(DIALECTS)('$file is read as $format', async ({ file, format, exchanges, check }) => {
    const result = await readFile(fixture(file));
    expect(result.format).toBe(format);
    expect(result.exchanges).toHaveLength(exchanges);
    for (const exchange of result.exchanges) {
      expect(exchange.source.file).toBe(fixture(file));
      expect(exchange.source.format).toBe(format);
    }
    if (format !== 'jest-snapshot' && file !== 'r-vcr.yml') expect(result.errors).toEqual([]);
    check(result);
  });

  it('reads a VCR.py cassette serialised as JSON with the same reader', () => {
    const json = JSON.stringify({
      interactions: [
        {
          request: { method: 'GET', uri: 'https://api.openai.com/v1/models', body: null, headers: {} },
          response: { status: { code: 200 }, headers: {}, body: { string: '{"object":"list","data":[]}' } },
        },
      ],
    });
    const result = readBytes('c.json', json);
    expect(result.format).toBe('vcr-yaml');
    expect(decoded(result.exchanges[0])).toEqual({ object: 'list', data: [] });
  });
});

const vcrText = readFileSync(fixture('vcrpy.yaml'), 'utf8');

interface BadCase {
  name: string;
  input: string | Uint8Array;
  options?: Parameters<typeof readBytes>[2];
  exchanges: number;
  errors: [entry: number | null, message: RegExp][];
}

const MALFORMED: BadCase[] = [
  { name: 'truncated HAR', input: '{"log":{"entries":[{"request":{"url":"https://api.openai.com/v1/x"', exchanges: 0, errors: [[null, /truncated or corrupt JSON/]] },
  { name: 'unknown format', input: 'hello world\n', exchanges: 0, errors: [[null, /unknown format/]] },
  { name: 'empty file', input: '   \n', exchanges: 0, errors: [[null, /empty file/]] },
  { name: 'binary file', input: new Uint8Array([0x81, 0x00, 0xfe, 0xff]), exchanges: 0, errors: [[null, /not UTF-8/]] },
  {
    name: 'HAR with one broken entry',
    input: JSON.stringify({
      log: {
        entries: [
          { request: { method: 'GET', url: 'https://api.openai.com/v1/models' } },
          'nonsense',
          { request: { method: 'GET', url: 'https://api.openai.com/v1/models' }, response: { status: 200, headers: [], content: { text: '{}' } } },
        ],
      },
    }),
    exchanges: 1,
    errors: [[0, /no request\/response/], [1, /no request\/response/]],
  },
  {
    name: 'undecodable gzip body',
    input: vcrText.replace(/string: !!binary \|\n(?: {8}.*\n)+/, `string: !!binary |\n        ${Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]).toString('base64')}\n`),
    exchanges: 5,
    errors: [[0, /response compressed body could not be decoded/]],
  },
  {
    name: 'JSON content type with a broken JSON body',
    input: vcrText.replace(`content: '{"id": "cmpl-1",`, `content: '{"id": "cmpl-1" sk-secret-value`),
    exchanges: 5,
    errors: [[2, /response body declared as JSON is not valid JSON \(invalid JSON/]],
  },
  {
    name: 'YAML broken in its fourth interaction (earlier ones still read)',
    input: vcrText.replace('    parsed_body:\n      input: hello', '    parsed_body:\n     input: [hello\n  - }'),
    exchanges: 3,
    errors: [
      [null, /^YAML error: [A-Z_]+ at line \d+, column \d+$/],
      [3, /^interaction lost to the YAML error; 3 before it were read$/],
    ],
  },
  {
    name: 'YAML cut short inside an interaction',
    input: vcrText.slice(0, vcrText.indexOf('    parsed_body:\n      id: resp_1')),
    exchanges: 3,
    errors: [[3, /no request\/response|lacks/]],
  },
  {
    name: 'test-proxy entry without a status',
    input: JSON.stringify({ Entries: [{ RequestUri: 'https://api.openai.com/v1/models', RequestMethod: 'GET' }, { RequestUri: 'https://api.openai.com/v1/models', StatusCode: 200, ResponseBody: { object: 'list', data: [] } }] }),
    exchanges: 1,
    errors: [[0, /lacks RequestUri or StatusCode/]],
  },
  {
    name: 'JSON lines with a corrupt line',
    input: '{"object":"chat.completion.chunk","choices":[]}\n{"object":"chat.completion.ch\n{"object":"chat.completion.chunk","choices":[]}\n',
    exchanges: 1,
    errors: [[null, /^line 2: invalid JSON/]],
  },
  { name: 'error body without an endpoint', input: '{"error":{"message":"bad","type":"invalid_request_error"}}', exchanges: 0, errors: [[null, /--endpoint/]] },
  { name: 'malformed endpoint option', input: '{"object":"chat.completion"}', options: { endpoint: 'chat please' }, exchanges: 0, errors: [[null, /METHOD \/path/]] },
  { name: 'forced format that does not fit', input: vcrText, options: { format: 'har' }, exchanges: 0, errors: [[null, /truncated or corrupt JSON/]] },
  { name: 'HAR without log.entries', input: '{"log":{"version":"1.2"}}', options: { format: 'har' }, exchanges: 0, errors: [[null, /log.entries is missing/]] },
];

describe('malformed input becomes errors naming file and entry; the rest is still read', () => {
  it.each(MALFORMED)('$name', ({ input, options, exchanges, errors }) => {
    const result = readBytes('bad.file', input, options);
    expect(result.exchanges).toHaveLength(exchanges);
    expect(result.errors.map((e) => e.file)).toEqual(errors.map(() => 'bad.file'));
    expect(result.errors.map((e) => e.entry)).toEqual(errors.map(([entry]) => entry));
    result.errors.forEach((error, i) => expect(error.message).toMatch(errors[i]![1]));
    for (const error of result.errors) expect(error.message).not.toMatch(/sk-secret|hello world/);
  });

  it('keeps the undecodable body as bytes and still reads the entry', () => {
    const bad = MALFORMED.find((c) => c.name === 'undecodable gzip body')!;
    const result = readBytes('bad.file', bad.input);
    expect(result.exchanges[0]?.response.body.kind).toBe('bytes');
    expect(result.exchanges[1]?.response.events).toHaveLength(2);
  });

  it('reads an error body once the endpoint is given, noting the assumed status', () => {
    const result = readBytes('e.json', '{"error":{"message":"bad"}}', { endpoint: 'POST /v1/images/edits' });
    expect(result.errors).toEqual([]);
    expect(result.exchanges[0]?.request).toMatchObject({ method: 'POST', url: '/v1/images/edits' });
    expect(result.exchanges[0]?.response.status).toBe(400);
    expect(result.exchanges[0]?.notes).toContain('status not recorded; 400 assumed for an error body');
  });

  it('reads UTF-16 files that carry a byte-order mark', () => {
    const text = '\ufeff{"object":"chat.completion","choices":[]}';
    const result = readBytes('utf16.json', Buffer.from(text, 'utf16le'));
    expect(result.errors).toEqual([]);
    expect(decoded(result.exchanges[0])).toEqual({ object: 'chat.completion', choices: [] });
  });

  it('never throws, whatever the bytes', () => {
    for (const input of ['{', '[', '---\n', 'data:', 'exports[`', 'interactions:\n- 1\n', '{"Entries":3}', '{"request":{},"response":{}}']) {
      expect(() => readBytes('x', input)).not.toThrow();
    }
  });
});
