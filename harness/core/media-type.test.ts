import { describe, expect, it } from 'vitest';
import { contentKind, mediaType, type ContentKind } from './media-type.ts';

describe('mediaType', () => {
  it.each<[string | null | undefined, string | null]>([
    ['application/json', 'application/json'],
    ['Application/JSON; charset=utf-8', 'application/json'],
    ['  text/event-stream ; charset=utf-8', 'text/event-stream'],
    ['multipart/form-data; boundary=----x', 'multipart/form-data'],
    ['', null],
    [' ; charset=utf-8', null],
    [null, null],
    [undefined, null],
  ])('%j -> %j', (header, type) => {
    expect(mediaType(header)).toBe(type);
  });
});

describe('contentKind', () => {
  it.each<[string | null | undefined, ContentKind]>([
    // Every type in recordings/ and the corpus, as the three old rules agreed on them.
    ['application/json', 'text'],
    ['application/json; charset=utf-8', 'text'],
    ['application/jsonl', 'text'],
    ['text/event-stream; charset=utf-8', 'text'],
    ['text/plain', 'text'],
    ['audio/mpeg', 'binary'],
    ['audio/wav', 'binary'],
    ['audio/pcm', 'binary'],
    ['image/png', 'binary'],
    ['multipart/form-data; boundary=----formdata-undici-005279672521', 'multipart'],
    // The JSON, XML and other text families.
    ['application/problem+json', 'text'],
    ['application/vnd.api+json', 'text'],
    ['application/x-ndjson', 'text'],
    ['application/xml', 'text'],
    ['application/atom+xml', 'text'],
    ['application/yaml', 'text'],
    ['application/javascript', 'text'],
    ['application/x-www-form-urlencoded', 'text'],
    ['text/csv', 'text'],
    ['TEXT/HTML', 'text'],
    // Binary types; a binary top-level type wins over a text suffix.
    ['application/octet-stream', 'binary'],
    ['application/zip', 'binary'],
    ['application/gzip', 'binary'],
    ['application/pdf', 'binary'],
    ['application/x-protobuf', 'binary'],
    ['video/mp4', 'binary'],
    ['font/woff2', 'binary'],
    ['image/svg+xml', 'binary'],
    // Parameters never count (the old reader called this one binary because of `zip`).
    ['text/plain; name=archive.zip', 'text'],
    ['application/octet-stream; name=a.json', 'binary'],
    // Multipart is matched case-insensitively (the old recorder did not).
    ['Multipart/Mixed; boundary=b', 'multipart'],
    // Missing, empty and unrecognised types.
    [undefined, 'unknown'],
    [null, 'unknown'],
    ['', 'unknown'],
    ['application/sdp', 'unknown'],
    ['application/x-custom', 'unknown'],
    ['application/jsonfoo', 'unknown'],
  ])('%j -> %s', (header, kind) => {
    expect(contentKind(header)).toBe(kind);
  });
});
