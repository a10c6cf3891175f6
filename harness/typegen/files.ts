import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.ts';
import type { GeneratedFiles } from './generate.ts';

/** Writes the generated files; other `.ts` files in the folder are stale output and removed. */
export function writeGenerated(dir: string, files: GeneratedFiles): string[] {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith('.ts') && !files.has(name)) rmSync(join(dir, name));
  for (const [name, text] of files) writeFileAtomic(join(dir, name), text);
  return [...files.keys()].map((name) => join(dir, name));
}

/** Why each file in `dir` differs from what typegen would write now (empty: up to date). */
export function staleGenerated(dir: string, files: GeneratedFiles): string[] {
  const problems: string[] = [];
  for (const [name, text] of files) {
    const file = join(dir, name);
    if (!existsSync(file)) problems.push(`${name}: missing`);
    else if (readFileSync(file, 'utf8') !== text) problems.push(`${name}: differs from the current report/spec`);
  }
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) if (name.endsWith('.ts') && !files.has(name)) problems.push(`${name}: no longer generated`);
  }
  return problems.sort();
}
