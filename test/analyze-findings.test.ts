import { describe, expect, it } from 'vitest';
import type { Exchange } from '../harness/core/exchange.ts';
import type { Finding, FindingKind } from '../harness/core/finding.ts';
import { analyzeReadResult, createMapContext } from '../harness/map/analyze-exchange.ts';
import { finalizeReport } from '../harness/map/finalize.ts';
import { makeExchange, miniSpec } from '../harness/map/testing.ts';

// A small hand-made spec exercising $ref, allOf, oneOf with discriminator, 3.0 nullable, 3.1 type
// arrays, anyOf-with-null, enums, formats and additionalProperties: true.
const doc = {
  openapi: '3.1.0',
  paths: {
    '/things': { post: { responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } } },
    '/stream': { post: { responses: { 200: { content: { 'text/event-stream': { schema: {} } } } } } },
    '/limited': {
      get: {
        responses: {
          200: {
            headers: { 'x-documented': { schema: { type: 'string' } } },
            content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Base: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, created: { type: 'integer', format: 'unixtime' } } },
      Thing: {
        allOf: [
          { $ref: '#/components/schemas/Base' },
          {
            type: 'object',
            additionalProperties: true,
            required: ['object'],
            properties: {
              object: { type: 'string', enum: ['thing'] },
              note: { type: 'string', nullable: true },
              count: { type: ['integer', 'null'] },
              label: { anyOf: [{ type: 'string' }, { type: 'null' }] },
              title: { type: 'string' },
              url: { type: 'string', format: 'uri' },
              metadata: { type: 'object', additionalProperties: { type: 'string' } },
              parts: { type: 'array', items: { $ref: '#/components/schemas/Part' } },
              owner: { allOf: [{ $ref: '#/components/schemas/Base' }], nullable: true },
              content: { anyOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/components/schemas/TextPart' } }] },
              choice: { oneOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: { b: { type: 'string' }, c: { type: 'integer' } } }] },
            },
          },
        ],
      },
      Part: {
        oneOf: [{ $ref: '#/components/schemas/TextPart' }, { $ref: '#/components/schemas/ImagePart' }],
        discriminator: { propertyName: 'type' },
      },
      TextPart: { type: 'object', required: ['type', 'text'], properties: { type: { type: 'string', enum: ['text'] }, text: { type: 'string' } } },
      ImagePart: { type: 'object', required: ['type', 'image_url'], properties: { type: { type: 'string', const: 'image' }, image_url: { type: 'string' } } },
    },
  },
  'x-events': {
    'thing.delta': { type: 'object', required: ['type', 'delta'], properties: { type: { type: 'string' }, delta: { type: 'string' } } },
  },
};

const spec = miniSpec(doc);
const ok = { id: 't1', object: 'thing', created: 1700000000, note: null, count: null, label: null, title: 'x', url: 'https://a.b/c', metadata: { k: 'v' }, parts: [{ type: 'text', text: 'hi' }, { type: 'image', image_url: 'u' }], owner: null, content: 'plain', choice: { b: 'x', c: 1 } };

function analyze(...exchanges: Exchange[]): Finding[] {
  const ctx = createMapContext(spec);
  const agg = analyzeReadResult(ctx, { file: 'hand-made.json', format: 'test', exchanges, errors: [] });
  return finalizeReport(agg, spec, ctx.views, ['hand-made']).findings;
}

/** `ok` with a patch applied; a patch value of `undefined` removes the key. */
function body(patch: Record<string, unknown>): Exchange {
  const value: Record<string, unknown> = { ...ok, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete value[k];
  return makeExchange({ url: 'https://api.openai.com/v1/things', body: value });
}

const cases: Array<{ name: string; exchange: Exchange; kind: FindingKind; path: string; observedType?: string; event?: number | null; schema?: string }> = [
  { name: 'undocumented field despite additionalProperties: true', exchange: body({ extra: 1 }), kind: 'undocumented-field', path: 'extra', observedType: 'integer', schema: 'Thing' },
  { name: 'undocumented field inside a discriminated oneOf branch', exchange: body({ parts: [{ type: 'image', image_url: 'u', detail: 'low' }] }), kind: 'undocumented-field', path: 'parts[].detail', schema: 'ImagePart' },
  { name: 'nullable allOf wrapper still checks the object', exchange: body({ owner: { created: 1 } }), kind: 'missing-required', path: 'owner.id', schema: 'Base' },
  { name: 'anyOf picks the array branch by type', exchange: body({ content: [{ type: 'text', text: 'a', extra: 1 }] }), kind: 'undocumented-field', path: 'content[].extra', schema: 'TextPart' },
  { name: 'oneOf without discriminator picks the best-matching branch', exchange: body({ choice: { b: 'x', c: 'one' } }), kind: 'type-mismatch', path: 'choice.c', observedType: 'string' },
  { name: 'missing required (from allOf base)', exchange: body({ id: undefined }), kind: 'missing-required', path: 'id' },
  { name: 'missing required in the branch the discriminator picks', exchange: body({ parts: [{ type: 'text' }] }), kind: 'missing-required', path: 'parts[].text', schema: 'TextPart' },
  { name: 'type mismatch', exchange: body({ title: 3 }), kind: 'type-mismatch', path: 'title', observedType: 'integer' },
  { name: 'type mismatch in a map value', exchange: body({ metadata: { k: 1 } }), kind: 'type-mismatch', path: 'metadata.*' },
  { name: 'enum drift', exchange: body({ object: 'thing.v2' }), kind: 'enum-drift', path: 'object', observedType: 'string' },
  { name: 'const drift in a oneOf branch', exchange: body({ parts: [{ type: 'video', image_url: 'u' }] }), kind: 'enum-drift', path: 'parts[].type' },
  { name: 'unexpected null', exchange: body({ title: null }), kind: 'unexpected-null', path: 'title', observedType: 'null' },
  { name: 'format mismatch (uri)', exchange: body({ url: 'not a uri' }), kind: 'format-mismatch', path: 'url' },
  { name: 'format mismatch (unixtime in ms)', exchange: body({ created: 1700000000000 }), kind: 'format-mismatch', path: 'created' },
  { name: 'unknown operation', exchange: makeExchange({ url: 'https://api.openai.com/v1/nope', body: {} }), kind: 'unknown-operation', path: '' },
  {
    name: 'unknown stream event',
    exchange: makeExchange({ url: '/v1/stream', events: [{ data: { type: 'thing.delta', delta: 'a' } }, { data: { type: 'thing.mystery' } }] }),
    kind: 'unknown-event', path: '', event: 1,
  },
  {
    name: 'undocumented field in a stream event',
    exchange: makeExchange({ url: '/v1/stream', events: [{ data: { type: 'thing.delta', delta: 'a', obfuscation: 'xyz' } }] }),
    kind: 'undocumented-field', path: 'obfuscation', event: 0,
  },
  {
    name: 'undocumented header',
    exchange: makeExchange({ method: 'GET', url: '/v1/limited', body: { ok: true }, headers: { 'content-type': 'application/json', 'x-documented': 'a', 'openai-processing-ms': '12' } }),
    kind: 'undocumented-header', path: 'openai-processing-ms',
  },
  {
    name: 'stream inconsistency: usage requested but missing',
    exchange: makeExchange({ url: '/v1/stream', request: { stream: true, stream_options: { include_usage: true } }, events: [{ data: { object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'a' } }] } }, { data: '[DONE]', json: false }] }),
    kind: 'stream-inconsistency', path: 'usage',
  },
];

describe('field mapper findings (hand-made exchanges)', () => {
  it('reports nothing for a payload that matches the schema (nullable, type arrays, anyOf null, map, oneOf)', () => {
    expect(analyze(body({}))).toEqual([]);
  });

  it.each(cases)('$name -> $kind at $path', ({ exchange, kind, path, observedType, event, schema }) => {
    const findings = analyze(exchange);
    const hit = findings.find((f) => f.kind === kind && f.path === path);
    expect(hit, JSON.stringify(findings, null, 1)).toBeDefined();
    if (observedType) expect(hit?.observedType).toBe(observedType);
    if (event !== undefined) expect(hit?.event).toBe(event);
    if (schema) expect(hit?.schema).toBe(schema);
    expect(hit?.file).toBe('hand-made.json');
    expect(hit?.provider).toBe('openai');
  });

  it('names operation, schema and model on findings, and never prints a secret value', () => {
    const [f] = analyze(makeExchange({ url: '/v1/things', body: { ...ok, model: 'gpt-x', api_key: 'sk-abcdefghijklmnop' } }))
      .filter((x) => x.path === 'api_key');
    expect(f).toMatchObject({ kind: 'undocumented-field', operation: 'POST /things', model: 'gpt-x', value: '[redacted]' });
    const h = analyze(makeExchange({ method: 'GET', url: '/v1/limited', body: { ok: true }, headers: { 'x-api-token': 'secret-value' } }));
    expect(JSON.stringify(h)).not.toContain('secret-value');
  });

  it('does not report plain HTTP/CDN headers or documented ones as undocumented', () => {
    const f = analyze(makeExchange({ method: 'GET', url: '/v1/limited', body: { ok: true }, headers: { 'content-type': 'application/json', date: 'x', 'cf-ray': 'y', 'x-documented': 'z' } }));
    expect(f.filter((x) => x.kind === 'undocumented-header')).toEqual([]);
  });

  it('still observes every field of an event the spec does not define (as undocumented)', () => {
    const ctx = createMapContext(spec);
    const ex = makeExchange({ url: '/v1/stream', events: [{ data: { type: 'thing.mystery', payload: { x: 1 } } }] });
    const r = finalizeReport(analyzeReadResult(ctx, { file: 'f', format: 'test', exchanges: [ex], errors: [] }), spec, ctx.views, []);
    const g = r.observations.find((o) => o.key === 'POST /stream :: thing.mystery');
    expect(g?.fields.map((f) => [f.path, f.documented])).toEqual([['', false], ['payload', false], ['payload.x', false], ['type', false]]);
  });

  it('reports an undocumented field once, not once per nested key', () => {
    const f = analyze(body({ extra: { a: { b: 1 }, c: [1, 2] } }));
    expect(f.filter((x) => x.kind === 'undocumented-field').map((x) => x.path)).toEqual(['extra']);
  });
});
