import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.ts';
import { writeFileAtomic } from './write-atomic.ts';

describe('writeFileAtomic', () => {
  it('creates missing directories and leaves no temp file', () => {
    const dir = tempDir('fieldwork-atomic-');
    const file = join(dir, 'a/b/out.json');
    writeFileAtomic(file, '{"x":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"x":1}');
    expect(readdirSync(join(dir, 'a/b'))).toEqual(['out.json']);
  });

  it('keeps the old content and removes its temp file when the write fails', () => {
    const dir = tempDir('fieldwork-atomic-');
    const file = join(dir, 'out');
    writeFileSync(file, 'old');
    // Renaming a file onto a non-empty directory fails after the temp file was written.
    const target = join(dir, 'occupied');
    writeFileAtomic(join(target, 'keep'), 'x');
    expect(() => writeFileAtomic(target, 'new')).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['occupied', 'out']);
  });
});
