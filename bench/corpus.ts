import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Synthetic corpora for the benchmark: ../shared/corpus replicated N times into a temp dir outside
 * the repository (copies never go into the project), deleted by `dispose()`.
 * Replica i lives in `copy-<iii>/` (zero-padded), so the 10x corpus is replicas 0-9 and the 100x
 * one 0-99: one set of copies serves every scale.
 */
export interface SyntheticCorpus {
  root: string;
  /** Cassette files of one replica (paths relative to the corpus), excluding manifest/README. */
  files: string[];
  /** Bytes of one replica. */
  bytesPerCopy: number;
  copies: number;
  /** Input directories for a scale (the first `scale` replicas). */
  inputsFor(scale: number): string[];
  dispose(): void;
}

const replicaDir = (root: string, i: number): string => join(root, `copy-${String(i).padStart(3, '0')}`);

/** Cassette files of the shared corpus (the manifest and README are not traffic). */
export function corpusFiles(corpusDir: string): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(corpusDir).sort()) {
    const full = join(corpusDir, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const file of readdirSync(full).sort()) out.push(join(dir, file));
  }
  return out;
}

/** Copies the corpus `copies` times into a fresh temp dir. */
export function buildSyntheticCorpus(corpusDir: string, copies: number): SyntheticCorpus {
  const root = mkdtempSync(join(tmpdir(), 'fieldwork-bench-'));
  const files = corpusFiles(corpusDir);
  const bytesPerCopy = files.reduce((sum, f) => sum + statSync(join(corpusDir, f)).size, 0);
  const dirs = [...new Set(files.map((f) => f.split('/')[0]!))];
  for (let i = 0; i < copies; i++) {
    const copy = replicaDir(root, i);
    for (const dir of dirs) mkdirSync(join(copy, dir), { recursive: true });
    for (const file of files) copyFileSync(join(corpusDir, file), join(copy, file));
  }
  return {
    root,
    files,
    bytesPerCopy,
    copies,
    inputsFor(scale: number): string[] {
      if (scale > copies) throw new Error(`scale ${scale} needs ${scale} replicas; only ${copies} were built`);
      return Array.from({ length: scale }, (_, i) => replicaDir(root, i));
    },
    dispose(): void {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
