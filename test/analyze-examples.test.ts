import { beforeAll, describe, expect, it } from 'vitest';
import { invalidExampleFindings, type ExampleFindings } from '../harness/map/examples.ts';
import { loadSpec } from '../harness/spec/index.ts';
import { hasShared, SPEC_PATH } from './support/shared.ts';

// The spec's own examples: every one the spec layer reports invalid must get a mapper finding.
describe.skipIf(!hasShared)('field mapper over the spec examples', () => {
  let results: ExampleFindings[];
  beforeAll(async () => {
    results = invalidExampleFindings(await loadSpec(SPEC_PATH));
  }, 120_000);

  it('finds the invalid examples (operation JSON, SSE and schema examples)', () => {
    expect(results.length).toBeGreaterThan(100);
    expect(new Set(results.map((r) => `${r.check.source}.${r.check.format}`))).toEqual(new Set(['operation.json', 'operation.sse', 'schema.json']));
  });

  it('gives every invalid example at least one finding naming it', () => {
    const without = results.filter((r) => r.findings.length === 0).map((r) => `${r.check.operation ?? r.check.title} #${r.check.index}`);
    expect(without).toEqual([]);
    for (const r of results) for (const f of r.findings) expect(f.file).toContain('example');
  });

  it('finds almost all of them with the walker itself (not just by echoing Ajv)', () => {
    const byWalker = results.filter((r) => !r.fromValidator).length;
    expect(byWalker / results.length).toBeGreaterThan(0.95);
  });

  it('points at the same place as Ajv for nearly every example (Ajv also reports unchosen union branches)', () => {
    const walked = results.filter((r) => !r.fromValidator);
    const agree = walked.filter((r) => {
      const ajv = new Set(r.check.issues.flatMap((i) => [i.path, i.field ?? i.path]));
      return r.findings.some((f) => ajv.has(f.path));
    });
    expect(agree.length / walked.length).toBeGreaterThan(0.9);
  });
});
