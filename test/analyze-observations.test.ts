import { describe, expect, it } from 'vitest';
import type { Exchange } from '../harness/core/exchange.ts';
import type { Report } from '../harness/core/report.ts';
import { EXAMPLES_CAP, FIELDS_CAP, FINDINGS_CAP, emptyAggregate, mergeInto } from '../harness/map/aggregate.ts';
import { analyzeReadResult, createMapContext } from '../harness/map/analyze-exchange.ts';
import { schemaClosure } from '../harness/map/closure.ts';
import { finalizeReport } from '../harness/map/finalize.ts';
import { SchemaViews } from '../harness/map/schema-view.ts';
import { makeExchange, miniSpec } from '../harness/map/testing.ts';

const doc = {
  paths: {
    '/chat': { post: { responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Chat' } } } } } } },
  },
  components: {
    schemas: {
      Chat: {
        type: 'object',
        properties: {
          model: { type: 'string', description: 'The model used.' },
          text: { type: 'string' },
          usage: { $ref: '#/components/schemas/Usage' },
          tree: { $ref: '#/components/schemas/Node' },
          metadata: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
      Usage: { type: 'object', properties: { total: { type: 'integer' }, details: { type: 'object', properties: { reasoning: { type: 'integer' } } } } },
      // Recursive: the closure must stay finite.
      Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
    },
  },
};
const spec = miniSpec(doc);

const chat = (body: Record<string, unknown>, provider = 'openai'): Exchange => makeExchange({ url: '/v1/chat', body, provider });

function report(files: Exchange[][]): Report {
  const ctx = createMapContext(spec);
  const total = emptyAggregate();
  files.forEach((exchanges, i) => mergeInto(total, analyzeReadResult(ctx, { file: `f${i}.json`, format: 'test', exchanges, errors: [] })));
  return finalizeReport(total, spec, ctx.views, ['x'], '2026-01-01T00:00:00.000Z');
}

const corpus = [
  [chat({ model: 'gpt-4o', text: 'a', usage: { total: 1 } }), chat({ model: 'o3', text: 'b', usage: { total: 2, details: { reasoning: 5 } } })],
  [chat({ model: 'gpt-4o', text: null, extra: true }), chat({ model: 'mock-1', text: 'c', usage: { total: 3 }, mock_only: 1 }, 'aimock')],
];

describe('observations, coverage, comparison', () => {
  const r = report(corpus);
  const group = r.observations.find((g) => g.key === 'POST /chat');
  const field = (path: string) => group?.fields.find((f) => f.path === path);

  it('counts every field path with types, examples, models, providers and the spec description', () => {
    expect(group).toMatchObject({ operation: 'POST /chat', event: null, schema: 'Chat', samples: 4, providers: ['aimock', 'openai'] });
    expect(field('text')).toMatchObject({ count: 4, types: { string: 3, null: 1 }, documented: true, specTypes: ['string'], specNullable: false });
    expect(field('text')?.examples).toEqual(['"a"', '"b"', 'null']);
    expect(field('model')).toMatchObject({ description: 'The model used.', models: ['gpt-4o', 'mock-1', 'o3'] });
    expect(field('extra')).toMatchObject({ count: 1, documented: false, providers: ['openai'] });
  });

  it('computes coverage against a bounded closure of a recursive schema', () => {
    const views = new SchemaViews((ref) => spec.resolveRef(ref));
    const closure = schemaClosure(views, { $ref: '#/components/schemas/Chat' });
    expect(closure).toEqual(expect.arrayContaining(['model', 'usage.details.reasoning', 'tree.name', 'tree.children', 'tree.children[]', 'metadata.*']));
    expect(closure.filter((p) => p.startsWith('tree.children[].children')).length).toBe(0);
    const cov = r.coverage.groups.find((g) => g.key === 'POST /chat');
    expect(cov).toMatchObject({ documented: closure.length, observed: 6 });
    expect(cov?.neverObserved).toEqual(expect.arrayContaining(['tree', 'tree.name', 'metadata']));
    expect(r.coverage.overall).toEqual({ documented: closure.length, observed: 6, ratio: Math.round((6 / closure.length) * 1000) / 1000 });
  });

  it('builds the provider conformance table against the spec and against openai', () => {
    const aimock = r.providers.find((p) => p.provider === 'aimock' && p.operation === 'POST /chat');
    expect(aimock).toMatchObject({ exchanges: 1, addsVsSpec: ['mock_only'], addsVsOpenai: ['mock_only'], omitsVsOpenai: ['extra', 'usage.details'] });
    expect(aimock?.omitsVsSpec).toEqual(['metadata', 'tree', 'usage.details']);
    const openai = r.providers.find((p) => p.provider === 'openai');
    expect(openai).toMatchObject({ exchanges: 3, addsVsSpec: ['extra'], addsVsOpenai: [], omitsVsOpenai: [] });
  });

  it('lists fields only some models send', () => {
    expect(r.modelSpecific).toEqual(expect.arrayContaining([{ key: 'POST /chat', path: 'usage.details', models: ['o3'], groupModels: 3 }]));
    expect(r.modelSpecific?.some((m) => m.path === 'usage.details.reasoning')).toBe(false);
  });

  it('merging per-file partials gives the same report as one big file (parallelisable)', () => {
    expect(report([corpus.flat()])).toEqual({ ...r, summary: { ...r.summary, files: 1 } });
  });

  it('stays bounded: field paths, examples and stored findings are capped while counts are exact', () => {
    const huge: Record<string, number> = {};
    for (let i = 0; i < FIELDS_CAP + 500; i++) huge[`k${i}`] = i;
    const many = Array.from({ length: 300 }, (_, i) => chat({ model: 'gpt-4o', text: `t${i}`, dynamic: huge }));
    const big = report([many]);
    const g = big.observations.find((o) => o.key === 'POST /chat');
    expect(g?.fields.length).toBeLessThanOrEqual(FIELDS_CAP);
    expect(g?.fields.find((f) => f.path === 'text')?.examples.length).toBe(EXAMPLES_CAP);
    const group = big.findingGroups?.find((f) => f.path === 'dynamic');
    expect(group).toMatchObject({ kind: 'undocumented-field', count: 300, stored: FINDINGS_CAP });
    expect(big.findings.filter((f) => f.path === 'dynamic')).toHaveLength(FINDINGS_CAP);
    expect(big.summary.byKind['undocumented-field']).toBe(300);
  });
});
