import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in test/support/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** ../shared beside the clone: read in place, never copied into the project. */
export const SHARED_DIR = process.env['FIELDWORK_SHARED'] ?? resolve(REPO_ROOT, '../shared');

/** The newest official spec (OpenAPI 3.1 with 3.0 leftovers). */
export const SPEC_PATH = join(SHARED_DIR, 'openai-openapi/openapi.yaml');

/** The older OpenAPI 3.0 spec, for drift work and 3.0 compatibility. */
export const SPEC_2024_PATH = join(SHARED_DIR, 'openai-openapi/history/2024-12-18-openapi.yaml');

/** Real traffic recorded by public projects, with manifest.json. */
export const CORPUS_DIR = join(SHARED_DIR, 'corpus');

/** True when ../shared is present (it is in CI and on developer machines). */
export const hasShared = existsSync(SPEC_PATH) && existsSync(CORPUS_DIR);
