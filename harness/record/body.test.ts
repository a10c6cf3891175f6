import { describe, expect, it } from 'vitest';
import { loadBody, storeBody } from './body.ts';

const json = Buffer.from('{"id":"chatcmpl-1","object":"chat.completion"}');
const sse = Buffer.from('data: {"id":"x"}\n\ndata: [DONE]\n\n');
const multipart = Buffer.from('------b\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n------b--\r\n');
const notUtf8 = Buffer.from([0x52, 0x49, 0x46, 0x46, 0xff, 0xfe, 0x00, 0x80]);
const ascii = Buffer.from('ID3 plain ascii bytes');
const bom = Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('{"a":1}')]);

describe('storeBody', () => {
  it.each<[string, Buffer, string | undefined, 'text' | 'base64']>([
    // The content types in recordings/: text stays text, audio is base64 even when it decodes.
    ['json', json, 'application/json', 'text'],
    ['json with charset', json, 'application/json; charset=utf-8', 'text'],
    ['jsonl', json, 'application/jsonl', 'text'],
    ['event stream', sse, 'text/event-stream', 'text'],
    ['plain text', ascii, 'text/plain', 'text'],
    ['multipart form', multipart, 'multipart/form-data; boundary=----b', 'text'],
    ['multipart with binary part', notUtf8, 'multipart/form-data; boundary=----b', 'base64'],
    ['audio', notUtf8, 'audio/wav', 'base64'],
    ['audio that happens to be ASCII', ascii, 'audio/mpeg', 'base64'],
    ['image', ascii, 'image/png', 'base64'],
    ['no content type', json, undefined, 'text'],
    ['empty content type', json, '', 'text'],
    ['invalid UTF-8 declared as JSON', notUtf8, 'application/json', 'base64'],
    ['unknown type, valid UTF-8', ascii, 'application/sdp', 'text'],
    ['octet-stream', ascii, 'application/octet-stream', 'base64'],
  ])('%s -> %s', (_name, bytes, contentType, stored) => {
    const body = storeBody(bytes, contentType);
    expect(body.encoding ?? 'text').toBe(stored);
    expect(loadBody(body.text, body.encoding).equals(bytes)).toBe(true);
  });

  it('keeps a leading byte-order mark', () => {
    const body = storeBody(bom, 'application/json');
    expect(body.encoding).toBeUndefined();
    expect(loadBody(body.text, body.encoding).equals(bom)).toBe(true);
  });
});
