import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../harness/core/finding.ts';
import type { Report } from '../harness/core/report.ts';
import { sampleReport } from '../harness/report/fixtures/sample-report.ts';
import { fingerprint } from '../harness/report/fingerprint.ts';
import { formatGate, loadBaseline, runGate } from '../harness/report/gate.ts';
import { runCli } from './support/cli.ts';
import { REPO_ROOT } from './support/shared.ts';
import { tempDir } from './support/temp-dir.ts';

/** A project root with reports/report.json holding `report`. */
function project(report: Report): string {
  const root = tempDir('fieldwork-check-');
  mkdirSync(join(root, 'reports'));
  writeFileSync(join(root, 'reports/report.json'), JSON.stringify(report));
  return root;
}

const check = (root: string, ...args: string[]) => runCli(['--root', root, 'check', ...args]);

const withFindings = (findings: Finding[]): Report => ({ ...structuredClone(sampleReport), findings });
const base = sampleReport.findings;
const newField: Finding = { ...base[0]!, path: 'choices[].message.reasoning', message: 'reasoning is not in the spec' };

describe('fieldwork check (CI gate)', () => {
  it('fails with no baseline, passes after --update-baseline', async () => {
    const root = project(sampleReport);
    const first = await check(root);
    expect(first.code).toBe(1);
    expect(first.out).toContain('FAIL');
    const update = await check(root, '--update-baseline');
    expect(update.code).toBe(0);
    expect(update.out).toContain('accepted 5 distinct findings'); // 6 findings, 2 share a fingerprint
    const second = await check(root);
    expect(second).toMatchObject({ code: 0 });
    expect(second.out).toContain('PASS');
  });

  it.each<[string, (f: Finding[]) => Finding[], number]>([
    ['same findings, reversed order', (f) => [...f].reverse(), 0],
    ['same drift seen in another cassette, entry, model', (f) => f.map((x) => ({ ...x, file: 'recordings/other.har', entry: 9, event: x.event === null ? null : 3, model: 'gpt-4.1', message: 'reworded' })).filter((x) => x.kind !== 'read-error'), 0],
    ['a fixed finding disappears', (f) => f.slice(1), 0],
    ['a new undocumented field', (f) => [...f, newField], 1],
    ['another enum value on a path that already drifted (same drift)', (f) => [...f, { ...f[4]!, value: '"turbo"' }], 0],
    ['the same drift from another provider (same drift)', (f) => [...f, { ...f[0]!, provider: 'azure' }], 0],
    ['enum drift on a new path', (f) => [...f, { ...f[4]!, path: 'choices[].finish_reason' }], 1],
    ['a known path turns null', (f) => [...f, { ...f[0]!, kind: 'unexpected-null', observedType: 'null' }], 1],
    ['the same path in another operation', (f) => [...f, { ...f[0]!, operation: 'POST /responses' }], 1],
    ['a read error in another file', (f) => [...f, { ...f[5]!, file: 'recordings/broken.har' }], 1],
  ])('against the baseline of the sample: %s -> exit %i', async (_name, change, expected) => {
    const root = project(sampleReport);
    await check(root, '--update-baseline');
    writeFileSync(join(root, 'reports/report.json'), JSON.stringify(withFindings(change(base))));
    expect((await check(root)).code).toBe(expected);
  });

  it('--fail-on limits which new kinds fail; others are reported as ignored', async () => {
    const root = project(sampleReport);
    await check(root, '--update-baseline');
    writeFileSync(join(root, 'reports/report.json'), JSON.stringify(withFindings([...base, newField])));
    expect((await check(root, '--fail-on', 'type-mismatch,enum-drift')).code).toBe(0);
    expect((await check(root, '--fail-on', 'undocumented-field')).code).toBe(1);
    expect((await check(root, '--fail-on', 'nonsense')).code).toBe(2);
  });

  it('--baseline picks the file; --junit writes one failing testcase per new finding', async () => {
    const root = project(sampleReport);
    const baseline = join(root, 'ci/accepted.json');
    await check(root, '--update-baseline', '--baseline', baseline);
    expect(loadBaseline(baseline).accepted.map((g) => g.fingerprint)).toContain(fingerprint(base[0]!));
    writeFileSync(join(root, 'reports/report.json'), JSON.stringify(withFindings([...base, newField])));
    const junit = join(root, 'out/junit.xml');
    const result = await check(root, '--baseline', baseline, '--junit', junit);
    expect(result.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="fieldwork check" tests="6" failures="1" skipped="0"');
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain(`[${fingerprint(newField)}]`);
  });

  it('counts come from the report\'s full finding groups, not the stored (capped) findings', async () => {
    const root = project(sampleReport);
    await check(root, '--update-baseline');
    const baseline = loadBaseline(join(root, 'reports/baseline.json'));
    expect(baseline.accepted.find((g) => g.path === 'choices[].message.annotations')?.count).toBe(12);
  });

  it('lists at most LIST_LIMIT findings on the terminal', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...newField, path: `field_${i}` }));
    const text = formatGate(runGate(withFindings(many), { version: 1, updatedAt: '', accepted: [] }, ['undocumented-field']));
    expect(text).toContain('…and 10 more');
    expect(text.split('\n').filter((l) => l.includes('undocumented-field'))).toHaveLength(50);
  });

  it.each([
    ['no report', null, 'does not exist. Run `fieldwork analyze` first'],
    ['a broken baseline', '{oops', 'is not valid JSON'],
  ])('exits 2 with the fix on misuse: %s', async (_name, baseline, message) => {
    const root = project(sampleReport);
    if (baseline === null) rmSync(join(root, 'reports/report.json'));
    else writeFileSync(join(root, 'reports/baseline.json'), baseline);
    const run = await check(root);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
  });

  it('reports baseline entries that are gone without failing', () => {
    const baseline = { version: 1 as const, updatedAt: '', accepted: runGate(sampleReport, { version: 1, updatedAt: '', accepted: [] }, ['undocumented-field']).failing };
    const result = runGate(withFindings([]), baseline, ['undocumented-field']);
    expect(result.failing).toEqual([]);
    expect(result.gone).toHaveLength(2);
  });

  it('exits 1 from the real binary, so CI scripts can rely on it', () => {
    const root = project(withFindings([newField]));
    const bin = join(REPO_ROOT, 'bin/fieldwork.mjs');
    const fail = spawnSync(process.execPath, [bin, '--root', root, 'check'], { encoding: 'utf8' });
    expect(fail.status, fail.stderr).toBe(1);
    execFileSync(process.execPath, [bin, '--root', root, 'check', '--update-baseline']);
    const pass = spawnSync(process.execPath, [bin, '--root', root, 'check'], { encoding: 'utf8' });
    expect(pass.status, pass.stderr).toBe(0);
  });
});
