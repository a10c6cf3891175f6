/**
 * Keeps fieldwork's caches from growing without bound. Each spec version (and each bump of the
 * normaliser or validator cache format) gets a new entry under `<cacheDir>/spec/` (a parsed
 * document, a few MB) and `<cacheDir>/validators/` (compiled validators, up to ~35 MB); each
 * fieldwork version that runs the worker pool, one under `<cacheDir>/worker/` (the bundled worker).
 * When a new entry is created, older siblings are removed, except the few used most recently (a
 * project that switches between two spec versions keeps both warm). "Used" is the entry's mtime:
 * writes bump it, and a run that reads an entry touches it.
 */

import { lstatSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** How many entries besides the current one each cache keeps: the most recently used ones. */
export const CACHE_KEEP_OTHERS = 2;

/** A cache folder and the names of the entries fieldwork writes into it; nothing else there is touched. */
export interface CacheKind {
  /** The folder's own name (`validators`, `spec`): pruning refuses any other folder. */
  folder: string;
  pattern: RegExp;
  entry: 'directory' | 'file';
}

/** `<sha256 prefix>-n<N>-v<V>` (and the older `<sha>-v<V>`): one directory of modules per spec. */
export const VALIDATOR_CACHE: CacheKind = { folder: 'validators', pattern: /^[0-9a-f]{32}(?:-[nv]\d+)+$/, entry: 'directory' };
/** `<sha256>-n<N>.json`: one normalised document per spec. */
export const DOCUMENT_CACHE: CacheKind = { folder: 'spec', pattern: /^[0-9a-f]{64}(?:-n\d+)?\.json$/, entry: 'file' };
/** `worker-<content hash>.mjs`: the analysis worker bundled for one fieldwork version. */
export const WORKER_CACHE: CacheKind = { folder: 'worker', pattern: /^worker-[0-9a-f]{16}\.mjs$/, entry: 'file' };

/** Marks a cache entry as used now. Best effort: a failure only makes it look older to pruning. */
export function touchCacheEntry(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // read-only or vanished: nothing to do
  }
}

/**
 * Removes stale siblings of `current` (a cache entry just created): entries of the same folder
 * whose names match `kind`, other than `current` and the `keep` most recently used. Only direct
 * children of a folder named `kind.folder` are candidates, never symlinks, temp files or anything
 * else found there. Never throws (a cache is an optimisation); returns the names removed.
 */
export function pruneCacheSiblings(current: string, kind: CacheKind, keep = CACHE_KEEP_OTHERS): string[] {
  const parent = dirname(current);
  const self = basename(current);
  if (basename(parent) !== kind.folder) return [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const candidates: Array<{ name: string; mtime: number }> = [];
  for (const name of names) {
    if (name === self || !kind.pattern.test(name)) continue;
    try {
      const stat = lstatSync(join(parent, name));
      if (kind.entry === 'directory' ? stat.isDirectory() : stat.isFile()) candidates.push({ name, mtime: stat.mtimeMs });
    } catch {
      // removed meanwhile (another worker pruning): skip
    }
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  const removed: string[] = [];
  for (const { name } of candidates.slice(Math.max(0, keep))) {
    try {
      rmSync(join(parent, name), { recursive: kind.entry === 'directory', force: true });
      removed.push(name);
    } catch {
      // in use or not ours to delete: left for a later run
    }
  }
  return removed;
}
