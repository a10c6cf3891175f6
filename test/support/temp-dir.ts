import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];

// Registered once per test file: vitest evaluates this module afresh for every file (isolated
// forks), so the hook lands on that file's root suite and runs after its own after-hooks (stack
// order), i.e. once servers and browsers writing into these directories are closed.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh directory under the OS temp dir (`<prefix>XXXXXX`), removed with everything in it after
 * the calling test file's last test, so repeated `npm test` runs leave nothing behind in /tmp.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}
