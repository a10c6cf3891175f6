/**
 * `fieldwork spec sync`: fetch the pinned spec (or copy a local file), check its sha256 against
 * schemas/spec.lock.json, and replace schemas/openapi.yaml atomically. A failed or mismatching
 * download never touches the spec already there.
 */

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../core/write-atomic.ts';
import { FieldworkError } from '../core/errors.ts';

/** schemas/spec.lock.json: where the pinned spec comes from and what it hashes to. */
export interface SpecLock {
  url: string;
  sha256: string;
  bytes?: number;
  openapi?: string;
  repository?: string;
  commit?: string;
  path?: string;
}

/** Options for syncSpec; only `schemasDir` is required. */
export interface SyncOptions {
  /** Directory holding spec.lock.json and receiving openapi.yaml (config.schemasDir). */
  schemasDir: string;
  /** Copy this local file instead of downloading. */
  from?: string;
  /** Download from this URL instead of the lock's. */
  url?: string;
  /** Accept this sha256 instead of the lock's (e.g. a newer spec you mean to pin). */
  sha256?: string;
  /** Injected for tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

/** What syncSpec wrote (or found already in place). */
export interface SyncResult {
  path: string;
  sha256: string;
  bytes: number;
  source: string;
  /** False when the file there already had the pinned hash. */
  changed: boolean;
}

/** The lock shipped with fieldwork, used when a project has none of its own. */
const PACKAGE_LOCK = resolve(dirname(fileURLToPath(import.meta.url)), '../../schemas/spec.lock.json');
/** Lock file name inside the schemas dir. */
export const SPEC_LOCK_FILE = 'spec.lock.json';
/** Where the synced spec goes inside the schemas dir (gitignored). */
export const SYNCED_SPEC_FILE = 'openapi.yaml';

/** Reads `<schemasDir>/spec.lock.json`, falling back to the lock fieldwork ships with. */
export function readSpecLock(schemasDir: string): SpecLock & { file: string } {
  const own = join(schemasDir, SPEC_LOCK_FILE);
  const file = existsSync(own) ? own : PACKAGE_LOCK;
  let lock: Partial<SpecLock>;
  try {
    lock = JSON.parse(readFileSync(file, 'utf8')) as Partial<SpecLock>;
  } catch (error) {
    throw new FieldworkError('E_SPEC_LOCK', `Cannot read the spec lock ${file} (${(error as Error).message}). Restore it from git or fix its JSON.`);
  }
  if (typeof lock.url !== 'string' || typeof lock.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(lock.sha256)) {
    throw new FieldworkError('E_SPEC_LOCK', `The spec lock ${file} needs a "url" and a 64-hex "sha256". Restore it from git.`);
  }
  return { ...(lock as SpecLock), file };
}

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function download(url: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new FieldworkError('E_SPEC_DOWNLOAD', `Could not download the spec from ${url} (${cause}). Offline? Use \`fieldwork spec sync --from FILE\` with a copy of the spec.`, { cause: error });
  }
  if (!response.ok) {
    throw new FieldworkError('E_SPEC_DOWNLOAD', `Downloading the spec from ${url} failed with HTTP ${response.status}. Check --url, or use \`fieldwork spec sync --from FILE\`.`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetches or copies the spec, verifies it, and writes `<schemasDir>/openapi.yaml` atomically. */
export async function syncSpec(options: SyncOptions): Promise<SyncResult> {
  const lock = readSpecLock(options.schemasDir);
  const expected = (options.sha256 ?? lock.sha256).toLowerCase();
  const target = join(options.schemasDir, SYNCED_SPEC_FILE);
  if (!options.from && existsSync(target)) {
    const current = readFileSync(target);
    if (sha256Of(current) === expected) return { path: target, sha256: expected, bytes: current.length, source: target, changed: false };
  }
  let bytes: Uint8Array;
  let source: string;
  if (options.from) {
    source = resolve(options.from);
    try {
      bytes = readFileSync(source);
    } catch (error) {
      throw new FieldworkError('E_SPEC_READ', `Cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the path given to --from.`);
    }
  } else {
    source = options.url ?? lock.url;
    bytes = await download(source, options.fetchImpl ?? fetch, options.timeoutMs ?? 120_000);
  }
  const actual = sha256Of(bytes);
  if (actual !== expected) {
    throw new FieldworkError(
      'E_SPEC_HASH',
      `The spec from ${source} has sha256 ${actual}, but ${options.sha256 ? '--sha256' : lock.file} pins ${expected}; ${target} was left as it was. ` +
        `If you mean to move to this spec, pass --sha256 ${actual} (and update ${SPEC_LOCK_FILE}).`,
    );
  }
  // Written beside the target and renamed: a crash or a full disk never leaves half a spec behind.
  try {
    writeFileAtomic(target, bytes);
  } catch (error) {
    throw new FieldworkError('E_SPEC_WRITE', `Could not write ${target} (${(error as Error).message}). Check that ${options.schemasDir} is writable.`);
  }
  return { path: target, sha256: actual, bytes: bytes.length, source, changed: true };
}
