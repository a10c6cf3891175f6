import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Report } from '../harness/core/report.ts';
import { operationSlug } from '../harness/report/field-docs.ts';
import { corpusSlice } from '../harness/report/fixtures/corpus-slice.ts';
import { runCliIn } from './support/cli.ts';
import { CORPUS_DIR, hasShared, REPO_ROOT } from './support/shared.ts';
import { tempDir } from './support/temp-dir.ts';


const EXTRA = join(CORPUS_DIR, 'openai__openai-dotnet/tests__SessionRecords__ChatTests__HelloWorldChat.json');

describe.skipIf(!hasShared)('analyze -> report, docs, check over the recordings and a corpus slice', async () => {
  const root = tempDir('fieldwork-report-e2e-');
  writeFileSync(join(root, 'fieldwork.config.json'), JSON.stringify({ cacheDir: join(REPO_ROOT, '.cache/fieldwork-test') }));
  const inputs = [join(REPO_ROOT, 'recordings'), ...corpusSlice(CORPUS_DIR)];
  const analyzed = await runCliIn(root, 'analyze', ...inputs);
  const report = JSON.parse(readFileSync(join(root, 'reports/report.json'), 'utf8')) as Report;

  it('analyze ran on real traffic', () => {
    expect(analyzed.code).toBe(0);
    expect(report.summary.exchanges).toBeGreaterThan(10);
    expect(report.observations.length).toBeGreaterThan(5);
  });

  it('fieldwork report writes summary.md (and the job summary) and report.html', async () => {
    const step = join(root, 'step-summary.md');
    writeFileSync(step, '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', step);
    const r = await runCliIn(root, 'report');
    vi.unstubAllEnvs();
    expect(r.code).toBe(0);
    const summary = readFileSync(join(root, 'reports/summary.md'), 'utf8');
    expect(readFileSync(step, 'utf8')).toBe(summary);
    for (const [kind, n] of Object.entries(report.summary.byKind)) expect(summary).toContain(`| ${kind} | ${n} |`);
    for (const g of report.coverage.groups) expect(summary).toContain(`| ${g.key} |`);
    const rateRows = summary.split('## Rate-limit headers')[1]?.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Operation') && !l.startsWith('| ---'));
    expect(rateRows).toHaveLength(report.headers.rateLimits.length);
    const html = readFileSync(join(root, 'reports/report.html'), 'utf8');
    expect(html.match(/<tr data-kind=/g)).toHaveLength(report.findings.length);
  });

  it('fieldwork docs writes one field reference per operation, undocumented fields apart', async () => {
    expect((await runCliIn(root, 'docs')).code).toBe(0);
    const operations = [...new Set(report.observations.map((g) => g.operation))];
    expect(readdirSync(join(root, 'reports/fields')).sort()).toEqual(operations.map((op) => `${operationSlug(op)}.md`).sort());
    const withUndocumented = report.observations.find((g) => g.fields.some((f) => !f.documented && f.path));
    expect(withUndocumented).toBeDefined();
    const doc = readFileSync(join(root, 'reports/fields', `${operationSlug(withUndocumented!.operation)}.md`), 'utf8');
    const field = withUndocumented!.fields.find((f) => !f.documented && f.path)!;
    const sections = doc.split('### ⚠ Undocumented fields').slice(1).map((s) => s.split('\n### ')[0]);
    expect(sections.some((s) => s?.includes(`\`${field.path}\``))).toBe(true);
  });

  it('fieldwork check: fails without a baseline, passes once accepted, fails on new drift', async () => {
    expect(report.findings.length).toBeGreaterThan(0);
    expect((await runCliIn(root, 'check')).code).toBe(1);
    expect((await runCliIn(root, 'check', '--update-baseline')).code).toBe(0);
    expect((await runCliIn(root, 'check')).code).toBe(0);
    // The same traffic analysed again, in another order: nothing new (analyze keeps only the
    // first findings of each group, so the fingerprint must not depend on which ones).
    await runCliIn(root, 'analyze', ...[...inputs].reverse());
    const again = await runCliIn(root, 'check');
    expect(again.code, again.out).toBe(0);
    // One more cassette (a header this slice never showed): new findings fail the gate and the JUnit file.
    await runCliIn(root, 'analyze', ...inputs, EXTRA);
    const junit = join(root, 'junit.xml');
    const gate = await runCliIn(root, 'check', '--junit', junit);
    expect(gate.code).toBe(1);
    expect(gate.out).toContain('New findings not in the baseline');
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('undocumented-header POST /chat/completions x-openai-proxy-wasm');
  });
});
