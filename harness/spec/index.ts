/**
 * The spec layer: load the OpenAI OpenAPI spec (3.0 or 3.1), match exchanges to operations and
 * schemas, validate payloads with Ajv. See types.ts for the contract consumers rely on.
 */

import { join } from 'node:path';
import { configDefaults } from '../core/config.ts';
import { parseSpecFile } from './load.ts';
import { createSpecIndex, type LoadedSpec } from './spec-index.ts';

export type { EventChoice, JsonSchema, OperationMatch, SchemaChoice, SpecIndex, ValidationIssue } from './types.ts';
export type { LoadedSpec } from './spec-index.ts';
export type { NormaliseStats } from './normalise.ts';
export { normaliseDocument } from './normalise.ts';
export { toOurPath } from './issues.ts';
export { candidatePaths } from './match.ts';
export { readSpecLock, syncSpec, SPEC_LOCK_FILE, SYNCED_SPEC_FILE, type SpecLock, type SyncOptions, type SyncResult } from './sync.ts';
export { checkExamples, describeIssues, simplifyIssues, type ExampleCheck, type ExampleCounts, type ExampleReport, type ExampleStatus } from './examples.ts';
export { mediaType, isBinaryType, isEventStream, isJsonType } from './select.ts';

/** Options for loadSpec; all optional. */
export interface LoadSpecOptions {
  /**
   * Cache directory for the parsed document and compiled validators (usually
   * `config.cacheDir`). Default: `.cache/fieldwork` under the working directory; `null` disables
   * caching (every run parses and compiles).
   */
  cacheDir?: string | null;
  /**
   * Keep compiled validators on disk under the cache dir (default true). Off, every schema is
   * compiled in memory; the parsed document is still cached.
   */
  validatorCache?: boolean;
}

/**
 * Loads and indexes a spec. Throws FieldworkError (naming `fieldwork spec sync` / `--spec`) when
 * the file is missing, unreadable, not YAML or not OpenAPI; never for a schema that fails to
 * compile (that surfaces as a `compile` ValidationIssue on the payloads that need it).
 */
export async function loadSpec(path: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const cacheDir = options.cacheDir === undefined ? join(process.cwd(), configDefaults.cacheDir) : options.cacheDir;
  const parsed = parseSpecFile(path, cacheDir);
  return createSpecIndex(parsed, options.validatorCache === false ? null : cacheDir);
}
