import { describe, expect, it } from 'vitest';
import { splitChunks } from './body.ts';
import { inferEndpoint, parseEndpoint } from './endpoint.ts';
import { normalizeHeaders } from './headers.ts';
import { providerFor } from './provider.ts';
import { sniff } from './sniff.ts';

describe('inferEndpoint', () => {
  it.each([
    [{ object: 'chat.completion' }, 'POST /v1/chat/completions'],
    [{ object: 'chat.completion.chunk' }, 'POST /v1/chat/completions'],
    [{ object: 'text_completion' }, 'POST /v1/completions'],
    [{ object: 'response', output: [] }, 'POST /v1/responses'],
    [{ type: 'response.output_text.delta', sequence_number: 3 }, 'POST /v1/responses'],
    [{ object: 'list', data: [{ object: 'embedding' }] }, 'POST /v1/embeddings'],
    [{ object: 'list', data: [{ object: 'model' }] }, 'GET /v1/models'],
    [{ object: 'model', id: 'gpt-4o' }, 'GET /v1/models/gpt-4o'],
    [{ object: 'skill', id: 's' }, 'POST /v1/skills'],
    [{ created: 1, data: [{ b64_json: 'AAAA' }] }, 'POST /v1/images/generations'],
    [{ task: 'transcribe', text: 'hello' }, 'POST /v1/audio/transcriptions'],
    [{ error: { message: 'bad' } }, null],
    [{ object: 'list', data: [] }, null],
    ['[DONE]', null],
  ])('%j -> %s', (body, endpoint) => {
    expect(inferEndpoint(body)).toBe(endpoint);
  });

  it.each([
    ['POST /v1/chat/completions', { method: 'POST', path: '/v1/chat/completions' }],
    ['get /v1/models', { method: 'GET', path: '/v1/models' }],
    ['/v1/embeddings', { method: 'POST', path: '/v1/embeddings' }],
    ['chat completions', null],
    ['', null],
  ])('parseEndpoint(%j)', (text, expected) => {
    expect(parseEndpoint(text)).toEqual(expected);
  });
});

describe('providerFor', () => {
  it.each([
    ['https://api.openai.com/v1/models', undefined, undefined, 'openai'],
    ['https://API.OPENAI.COM/v1/models', undefined, undefined, 'openai'],
    ['http://127.0.0.1:4010/v1/models', 'aimock', undefined, 'aimock'],
    ['http://127.0.0.1:4010/v1/models', undefined, 'prism', 'prism'],
    ['https://api.anthropic.com/v1/messages', undefined, undefined, 'api.anthropic.com'],
    ['/v1/chat/completions', undefined, undefined, 'openai'],
  ])('%s (label %s, option %s) -> %s', (url, label, option, expected) => {
    expect(providerFor(url, label, option)).toBe(expected);
  });
});

describe('normalizeHeaders', () => {
  it.each([
    ['HAR pairs, repeated names', [{ name: 'Set-Cookie', value: 'a' }, { name: 'set-cookie', value: 'b' }], { 'set-cookie': 'a, b' }],
    ['VCR maps of lists', { 'Content-Type': ['application/json'], 'X-Multi': ['1', '2'] }, { 'content-type': 'application/json', 'x-multi': '1, 2' }],
    ['R scalars and numbers', { 'Content-Length': 12, Status: 'HTTP/1.1 200 OK' }, { 'content-length': '12', status: 'HTTP/1.1 200 OK' }],
    ['binary values', { 'X-Bin': [new Uint8Array([104, 105])] }, { 'x-bin': 'hi' }],
    ['nothing', undefined, {}],
  ])('%s', (_name, input, expected) => {
    expect(normalizeHeaders(input)).toEqual(expected);
  });
});

describe('sniff (content, not file names)', () => {
  it.each([
    ['{"log":{"entries":[]}}', 'har'],
    ['{"Entries":[],"Variables":{}}', 'azure-proxy'],
    ['{"request":{},"response":{}}', 'dd-trace-json'],
    ['{"interactions":[]}', 'vcr-yaml'],
    ['{"http_interactions":[]}', 'ruby-vcr'],
    ['{"object":"chat.completion"}', 'json-body'],
    ['{"a":1}\n{"a":2}\n', 'json-lines'],
    ['interactions:\n- request: {}\n', 'vcr-yaml'],
    ['---\nhttp_interactions: []\n', 'vcr-yaml'],
    ['\n\ndata: {"a":1}\n\n', 'sse'],
    ['event: x\r\ndata: 1\r\n\r\n', 'sse'],
    [': comment\n\ndata: 1\n\n', 'sse'],
    ['// Jest Snapshot v1\n\nexports[`a`] = `"x"`;\n', 'jest-snapshot'],
    ['{"a":', null],
    ['plain words', null],
  ])('%j -> %s', (text, format) => {
    expect(sniff(text).format).toBe(format);
  });
});

describe('splitChunks', () => {
  it('cuts by UTF-8 byte lengths, keeps split characters whole, and keeps an unrecorded tail', () => {
    const text = 'aé|bc';
    // 'a' + first byte of 'é' | second byte + '|b' | (tail 'c' not recorded)
    expect(splitChunks(text, [{ offsetMs: 1, bytes: 2 }, { offsetMs: 2, bytes: 3 }])).toEqual([
      { text: 'a', offsetMs: 1 },
      { text: 'é|b', offsetMs: 2 },
      { text: 'c', offsetMs: 2 },
    ]);
  });
});
