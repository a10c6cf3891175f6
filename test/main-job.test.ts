import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliIn } from './support/cli.ts';
import { hasShared, REPO_ROOT } from './support/shared.ts';
import { tempDir } from './support/temp-dir.ts';

/**
 * `npm run main` analyses the committed recordings and writes generated/ and reports/. This
 * holds the committed outputs to that job: when recordings change and generated/ or the
 * baseline were not refreshed (`npm run main`, then commit), this fails and says which.
 */
describe.skipIf(!hasShared)('committed outputs match the main job over the committed recordings', async () => {
  const root = tempDir('fieldwork-main-job-');
  writeFileSync(
    join(root, 'fieldwork.config.json'),
    JSON.stringify({
      recordingsDir: join(REPO_ROOT, 'recordings'),
      generatedDir: join(REPO_ROOT, 'generated'),
      reportsDir: join(root, 'reports'),
      cacheDir: join(REPO_ROOT, '.cache/fieldwork-test'),
    }),
  );
  const cli = (...args: string[]) => runCliIn(root, ...args);
  const analyzed = await cli('analyze');

  it('analyze reads every committed recording without a read error', () => {
    expect(analyzed.code).toBe(0);
    const report = JSON.parse(readFileSync(join(root, 'reports/report.json'), 'utf8')) as { summary: { files: number; errors: number } };
    expect(report.summary.errors).toBe(0);
    expect(report.summary.files).toBeGreaterThan(100);
  });

  it('generated/ is up to date (fieldwork typegen --check)', async () => {
    const run = await cli('typegen', '--check');
    expect(run.out).toContain('is up to date');
    expect(run.code).toBe(0);
  });

  it('the committed baseline accepts every finding (fieldwork check)', async () => {
    const run = await cli('check', '--baseline', join(REPO_ROOT, 'reports/baseline.json'));
    expect(run.out).toContain('PASS');
    expect(run.code).toBe(0);
  });
});
