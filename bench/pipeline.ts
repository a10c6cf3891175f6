import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../harness/core/exchange.ts';
import { readInputs } from '../harness/read/index.ts';
import { loadSpec, type SpecIndex } from '../harness/spec/index.ts';

/** The pipeline stages the floor needs, loaded in the bench process (outside the timed child). */

/** Loads the spec with a throwaway cache, so the bench never writes into the repository. */
export async function loadSpecIndex(specPath: string): Promise<SpecIndex> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'fieldwork-bench-cache-'));
  process.once('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
  return loadSpec(specPath, { cacheDir });
}

/** Every exchange of one replica of the corpus (about 1,650; small enough to hold). */
export async function readCorpus(corpusDir: string): Promise<Exchange[]> {
  const out: Exchange[] = [];
  for await (const result of readInputs([corpusDir])) out.push(...result.exchanges);
  return out;
}
