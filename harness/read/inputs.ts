import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadResult } from '../core/exchange.ts';
import { readFile } from './read-file.ts';
import type { ReadOptions } from './types.ts';

/** Extensions a directory walk picks up (named files are always read, whatever their name). */
const CASSETTE_EXTENSIONS = /\.(har|json|ya?ml|txt|bin|snap|sse|jsonl|ndjson)$/i;
/** Well-known non-cassette files that sit beside cassettes. */
const NOT_CASSETTES = new Set(['manifest.json', 'package.json', 'package-lock.json', 'tsconfig.json']);
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Lists the files under the given paths in a stable (sorted) order: files as given, directories
 * walked recursively for cassette-like files. A missing path is yielded as-is so that reading it
 * reports the error.
 */
export async function* listInputs(paths: readonly string[]): AsyncGenerator<string> {
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      yield path;
      continue;
    }
    if (info.isDirectory()) yield* walk(path);
    else yield path;
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    // Unreadable directory: yield it so that reading it reports the error instead of throwing.
    yield dir;
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      isDirectory = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isDirectory) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(path);
    } else if (isFile && CASSETTE_EXTENSIONS.test(entry.name) && !NOT_CASSETTES.has(entry.name)) {
      yield path;
    }
  }
}

/**
 * Streams one ReadResult per file under `paths` (files and directories), so callers never hold the
 * whole corpus in memory: one file is read when the caller asks for it.
 */
export async function* readInputs(paths: readonly string[], options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  for await (const file of listInputs(paths)) yield await readFile(file, options);
}
