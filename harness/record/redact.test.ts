import { describe, expect, it } from 'vitest';
import { bodyForMatching, urlForMatching } from './match.ts';
import { REDACTED, redactJsonText, redactPairs, redactUrl, redactionRules } from './redact.ts';
import { collapseRetries } from './retries.ts';

const rules = redactionRules({ headers: ['X-Custom-Secret'], queryParams: ['api_key'], bodyPaths: ['user', 'messages.*.name'] });

describe('redaction', () => {
  it.each([
    ['authorization', true],
    ['Api-Key', true],
    ['openai-organization', true],
    ['openai-project', true],
    ['cookie', true],
    ['set-cookie', true],
    ['x-custom-secret', true],
    ['content-type', false],
  ])('header %s redacted: %s', (name, redacted) => {
    const [pair] = redactPairs([{ name, value: 'secret' }], rules.headers);
    expect(pair?.value === REDACTED).toBe(redacted);
  });

  it('redacts query params and credentials in URLs', () => {
    expect(redactUrl('https://u:p@h/v1/x?api_key=s&b=1', rules.queryParams)).toBe('https://h/v1/x?api_key=%5BREDACTED%5D&b=1');
    expect(redactUrl('https://h/v1/x?b=1', rules.queryParams)).toBe('https://h/v1/x?b=1');
  });

  it('redacts JSON body paths with wildcards and leaves non-JSON alone', () => {
    const out = JSON.parse(redactJsonText('{"user":"u1","messages":[{"name":"n","content":"c"},{"content":"d"}]}', rules.bodyPaths));
    expect(out).toEqual({ user: REDACTED, messages: [{ name: REDACTED, content: 'c' }, { content: 'd' }] });
    expect(redactJsonText('not json', rules.bodyPaths)).toBe('not json');
  });
});

describe('request matching', () => {
  it('ignores scheme, host, port and query order; masks secret params', () => {
    expect(urlForMatching('http://127.0.0.1:4010/v1/files?b=2&a=1&api_key=s1', rules)).toBe(
      urlForMatching('https://api.openai.com/v1/files?a=1&api_key=s2&b=2', rules),
    );
    expect(urlForMatching('http://h/v1/files?a=1', rules)).not.toBe(urlForMatching('http://h/v1/files?a=2', rules));
  });

  it.each([
    ['{"a":1,"b":[1,2]}', '{ "b": [1, 2], "a": 1 }', true],
    ['{"a":1,"b":[1,2]}', '{"a":1,"b":[2,1]}', false],
    ['{"user":"x","a":1}', '{"a":1,"user":"y"}', true],
    ['--abc\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n--abc--\r\n', '--xyz\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n--xyz--\r\n', true],
    ['--abc\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n--abc--\r\n', '--xyz\r\nContent-Disposition: form-data; name="f"\r\n\r\ny\r\n--xyz--\r\n', false],
    ['plain', 'plain', true],
  ])('%j ~ %j: %s', (a, b, same) => {
    expect(bodyForMatching(a, rules) === bodyForMatching(b, rules)).toBe(same);
  });

  it('matches binary multipart bodies (Buffer) by content', () => {
    const body = (boundary: string, byte: number) =>
      Buffer.concat([Buffer.from(`--${boundary}\r\n\r\n`), Buffer.from([0xff, byte]), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    expect(bodyForMatching(body('a1', 1), rules)).toBe(bodyForMatching(body('b2', 1), rules));
    expect(bodyForMatching(body('a1', 1), rules)).not.toBe(bodyForMatching(body('a1', 2), rules));
  });
});

describe('collapseRetries', () => {
  const req = (id: string, retry: number) => ({ id, order: 0, getHeader: () => String(retry) });
  it.each([
    [[['a', 0]], [['a', 0]]],
    [[['a', 0], ['a', 1]], [['a', 0]]],
    [[['a', 0], ['a', 1], ['a', 2]], [['a', 0]]],
    [[['a', 0], ['b', 0], ['a', 1], ['a', 0]], [['b', 0], ['a', 0], ['a', 1]]],
  ] as const)('%j keeps %j', (input, expected) => {
    const requests = input.map(([id, retry]) => req(id, retry));
    const { kept, order } = collapseRetries(requests);
    expect(kept.map((r) => [r.id, order.get(r)])).toEqual(expected);
  });
});
