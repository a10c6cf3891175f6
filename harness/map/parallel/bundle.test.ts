import { existsSync, readdirSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { workerBundle } from './bundle.ts';

describe('workerBundle', () => {
  it('is null without a cache directory (the pool then starts workers through tsx)', async () => {
    expect(await workerBundle(null)).toBeNull();
  });

  it('writes one bundle per content under <cacheDir>/worker, once per process', async () => {
    const dir = tempDir('fieldwork-bundle-');
    const url = await workerBundle(dir);
    expect(url).not.toBeNull();
    const file = fileURLToPath(url!);
    expect(file.startsWith(join(dir, 'worker'))).toBe(true);
    expect(file).toMatch(/worker-[0-9a-f]{16}\.mjs$/);
    expect(existsSync(file)).toBe(true);
    expect(await workerBundle(dir)).toBe(url); // memoised: no second build in the same run
  });

  it('keeps the two newest older bundles and never touches other files', async () => {
    const dir = tempDir('fieldwork-bundle-prune-');
    const workerDir = join(dir, 'worker');
    mkdirSync(workerDir, { recursive: true });
    const old = ['0000000000000001', '0000000000000002', '0000000000000003', '0000000000000004'].map((h, i) => {
      const file = join(workerDir, `worker-${h}.mjs`);
      writeFileSync(file, '// old bundle');
      const t = new Date(Date.UTC(2026, 0, 1 + i)); // 1 is the oldest, 4 the newest
      utimesSync(file, t, t);
      return file;
    });
    writeFileSync(join(workerDir, 'notes.txt'), 'not ours');
    const current = fileURLToPath((await workerBundle(dir))!);
    const left = readdirSync(workerDir).map((name) => join(workerDir, name)).sort();
    expect(left).toEqual([current, old[2]!, old[3]!, join(workerDir, 'notes.txt')].sort());
  });
});
