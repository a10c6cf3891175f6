import { describe, expect, it } from 'vitest';
import { documentedHeaders, headerExample, parseDuration, parseRateLimits } from './headers.ts';

describe('parseDuration', () => {
  it.each([
    ['6m0s', 360_000],
    ['1s', 1000],
    ['20ms', 20],
    ['1m30.5s', 90_500],
    ['2h3m', 7_380_000],
    ['0s', 0],
    ['17', 17_000],
    ['850us', 0.85],
  ])('%s -> %d ms', (raw, ms) => expect(parseDuration(raw)).toBe(ms));

  it.each([["['0s', 'req_abc']"], ['0s, req_abc'], ['soon'], [''], ['1x']])('%s -> null', (raw) => expect(parseDuration(raw)).toBeNull());
});

describe('parseRateLimits', () => {
  it('parses the six standard headers into two resources', () => {
    const out = parseRateLimits({
      'x-ratelimit-limit-requests': '5000',
      'x-ratelimit-remaining-requests': '4999',
      'x-ratelimit-reset-requests': '12ms',
      'x-ratelimit-limit-tokens': '800000',
      'x-ratelimit-remaining-tokens': '799970',
      'x-ratelimit-reset-tokens': '2ms',
    });
    expect(out).toEqual([
      { resource: 'requests', limit: 5000, remaining: 4999, resetMs: 12, rawReset: '12ms', consistent: true, problems: [] },
      { resource: 'tokens', limit: 800000, remaining: 799970, resetMs: 2, rawReset: '2ms', consistent: true, problems: [] },
    ]);
  });

  it('normalises variants (-input-images, -tokens_usage_based) and flags remaining > limit', () => {
    const out = parseRateLimits({
      'x-ratelimit-limit-input-images': '50',
      'x-ratelimit-remaining-input-images': '60',
      'x-ratelimit-limit-tokens_usage_based': '1000',
      'x-ratelimit-remaining-tokens_usage_based': '10',
      'x-ratelimit-reset-tokens_usage_based': '6m0s',
    });
    const images = out.find((r) => r.resource === 'input-images');
    expect(images).toMatchObject({ limit: 50, remaining: 60, consistent: false });
    expect(images?.problems[0]).toContain('remaining 60 > limit 50');
    expect(out.find((r) => r.resource === 'tokens-usage-based')).toMatchObject({ resetMs: 360_000, consistent: true });
  });

  it('keeps a hand-edited list value raw and marks it inconsistent instead of crashing', () => {
    const [r] = parseRateLimits({ 'x-ratelimit-reset-tokens': "['0s', 'req_123']", 'x-ratelimit-limit-tokens': '10', 'x-ratelimit-remaining-tokens': '5' });
    expect(r).toMatchObject({ resource: 'tokens', resetMs: null, rawReset: "['0s', 'req_123']", consistent: false });
  });
});

describe('headerExample', () => {
  it.each(['authorization', 'cookie', 'set-cookie', 'openai-organization', 'api-key', 'x-api-token'])('never prints %s', (name) => {
    expect(headerExample(name, 'Bearer sk-secret')).toBe('[redacted]');
  });
  it('prints ordinary values, truncated', () => {
    expect(headerExample('openai-version', '2020-10-01')).toBe('2020-10-01');
    expect(headerExample('x-long', 'x'.repeat(100))).toHaveLength(60);
  });
});

describe('documentedHeaders', () => {
  const document = {
    paths: {
      '/things': {
        post: {
          responses: {
            '200': { description: 'OK', headers: { 'X-Request-Id': { schema: { type: 'string' } } } },
            '429': { $ref: '#/components/responses/TooManyRequests' },
          },
        },
      },
      '/things?beta=true': { post: { responses: { '200': { description: 'OK', headers: { 'X-Beta': { schema: { type: 'string' } } } } } } },
    },
    components: { responses: { TooManyRequests: { description: 'slow down', headers: { 'Retry-After': { schema: { type: 'integer' } } } } } },
  };
  const op = (pathKey: string) => ({ key: 'POST /things', method: 'POST', pathTemplate: '/things', operationId: null, params: {}, pathKey });

  it.each([
    ['/things', ['retry-after', 'x-request-id']],
    ['/things?beta=true', ['x-beta']],
  ])('names the headers of %s, through $ref responses, lower-cased', (pathKey, want) => {
    expect([...documentedHeaders(document, op(pathKey))].sort()).toEqual(want);
  });
});
