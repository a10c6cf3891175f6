/**
 * Loading the spec: read the bytes, hash them, and either reuse the parsed + normalised document
 * cached as JSON under the cache dir (keyed by sha256) or parse the YAML (seconds for 3 MB) and
 * normalise it, writing the cache for next time.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { FieldworkError } from '../core/errors.ts';
import { NORMALISE_VERSION, normaliseDocument, type NormaliseStats } from './normalise.ts';
import { writeFileAtomic } from '../core/write-atomic.ts';
import { DOCUMENT_CACHE, pruneCacheSiblings, touchCacheEntry } from '../core/cache-prune.ts';

export { NORMALISE_VERSION };

/** A parsed, normalised spec plus where it came from. */
export interface ParsedSpec {
  path: string;
  sha256: string;
  openapi: string;
  document: Record<string, unknown>;
  stats: NormaliseStats;
  /** True when the normalised document came from the cache. */
  fromCache: boolean;
}

interface CacheFile {
  version: number;
  sha256: string;
  stats: NormaliseStats;
  document: Record<string, unknown>;
}

/** Cache file for one spec version. */
export function documentCacheFile(cacheDir: string, sha256: string): string {
  return join(cacheDir, 'spec', `${sha256}-n${NORMALISE_VERSION}.json`);
}

/** Reads the spec file; a missing file is misuse and the error names both fixes. */
export function readSpecBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new FieldworkError(
        'E_SPEC_MISSING',
        `No OpenAPI spec at ${path}. Run \`fieldwork spec sync\` to download the pinned spec (or \`fieldwork spec sync --from FILE\` offline), or point at one with \`--spec PATH\` / FIELDWORK_SPEC.`,
      );
    }
    throw new FieldworkError('E_SPEC_READ', `Cannot read the OpenAPI spec at ${path} (${code ?? (error as Error).message}). Check the path given with --spec / FIELDWORK_SPEC.`, { cause: error });
  }
}

function parseYaml(path: string, text: string): Record<string, unknown> {
  let document: unknown;
  try {
    // JSON is YAML, so one parser reads both spec formats.
    document = parse(text, { maxAliasCount: -1, uniqueKeys: false });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
    const first = (error as Error).message.split('\n')[0];
    throw new FieldworkError('E_SPEC_INVALID', `The OpenAPI spec ${path} is not valid YAML${where}: ${first}. Re-download it with \`fieldwork spec sync\` or pass another with --spec.`, { cause: error });
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new FieldworkError('E_SPEC_INVALID', `The OpenAPI spec ${path} is not an object. Re-download it with \`fieldwork spec sync\` or pass another with --spec.`);
  }
  const record = document as Record<string, unknown>;
  if (typeof record['openapi'] !== 'string' || typeof record['paths'] !== 'object' || record['paths'] === null) {
    throw new FieldworkError('E_SPEC_INVALID', `${path} is not an OpenAPI 3 document (no \`openapi\` version or no \`paths\`). Pass the OpenAI spec with --spec or run \`fieldwork spec sync\`.`);
  }
  return record;
}

function readCache(file: string, sha256: string): CacheFile | null {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    return cached.version === NORMALISE_VERSION && cached.sha256 === sha256 ? cached : null;
  } catch {
    return null; // missing or damaged: parse again
  }
}

function writeCache(file: string, content: CacheFile): void {
  try {
    writeFileAtomic(file, JSON.stringify(content));
  } catch {
    // A read-only cache only costs the next run a parse.
    return;
  }
  // A new document (another spec version or normaliser): older ones go, the recently used stay.
  pruneCacheSiblings(file, DOCUMENT_CACHE);
}

/** Reads, hashes, parses (or takes from cache) and normalises a spec file. */
export function parseSpecFile(path: string, cacheDir: string | null): ParsedSpec {
  const absolute = resolve(path);
  const bytes = readSpecBytes(absolute);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = cacheDir ? documentCacheFile(cacheDir, sha256) : null;
  const cached = file ? readCache(file, sha256) : null;
  if (cached) {
    if (file) touchCacheEntry(file); // marks it used, so pruning keeps it
    return { path: absolute, sha256, openapi: String(cached.document['openapi']), document: cached.document, stats: cached.stats, fromCache: true };
  }
  const document = parseYaml(absolute, bytes.toString('utf8'));
  const stats = normaliseDocument(document);
  if (file) writeCache(file, { version: NORMALISE_VERSION, sha256, stats, document });
  return { path: absolute, sha256, openapi: String(document['openapi']), document, stats, fromCache: false };
}
