import { describe, expect, it } from 'vitest';
import { decodeBody } from './body.ts';

const notUtf8 = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0xff, 0xfe, 0x00, 0x80]);
const ascii = new Uint8Array(Buffer.from('plain text'));
const json = new Uint8Array(Buffer.from('{"a":1}'));
const sse = new Uint8Array(Buffer.from('data: {"a":1}\n\ndata: [DONE]\n\n'));

describe('decodeBody: content types (stored as bytes)', () => {
  it.each<[string, Uint8Array, string | undefined, 'bytes' | 'text' | 'json', boolean]>([
    ['audio stays bytes even when it decodes', ascii, 'audio/mpeg', 'bytes', false],
    ['svg is an image: bytes', ascii, 'image/svg+xml', 'bytes', false],
    ['octet-stream with a json-looking parameter', json, 'application/octet-stream; name=a.json', 'bytes', false],
    ['a zip-looking parameter does not make text binary', ascii, 'text/plain; name=a.zip', 'text', false],
    ['JSON is parsed', json, 'application/json; charset=utf-8', 'json', false],
    ['invalid UTF-8 declared as JSON is a problem', notUtf8, 'application/json', 'bytes', true],
    ['invalid UTF-8 declared as YAML is a problem', notUtf8, 'application/yaml', 'bytes', true],
    ['invalid UTF-8 in multipart is quietly bytes', notUtf8, 'multipart/form-data; boundary=b', 'bytes', false],
    ['invalid UTF-8 without a type is quietly bytes', notUtf8, undefined, 'bytes', false],
    ['an unknown type that decodes is text', ascii, 'application/sdp', 'text', false],
  ])('%s', (_name, bytes, contentType, kind, problem) => {
    const headers = contentType === undefined ? {} : { 'content-type': contentType };
    const decoded = decodeBody({ kind: 'bytes', bytes }, headers);
    expect(decoded.body.kind).toBe(kind);
    expect(decoded.problem !== undefined).toBe(problem);
  });

  it.each<[string, string | undefined, number]>([
    ['event-stream type', 'text/event-stream; charset=utf-8', 2],
    ['SSE framing under no type', undefined, 2],
    ['SSE framing under a JSON type', 'application/json', 2],
    ['a parameter naming event-stream does not make plain text a stream', 'text/plain; x=event-stream', 0],
  ])('streams: %s', (_name, contentType, events) => {
    const headers = contentType === undefined ? {} : { 'content-type': contentType };
    expect(decodeBody({ kind: 'bytes', bytes: sse }, headers).events?.length ?? 0).toBe(events);
  });
});
