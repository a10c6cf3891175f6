import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { FieldworkError } from './errors.ts';

/** How the recorder treats the network, named like VCR's record modes. */
export type RecordMode = 'record' | 'new' | 'replay' | 'passthrough';

/** Where recordings are made: a local mock, the real API, or any OpenAI-compatible URL. */
export type TargetName = 'aimock' | 'prism' | 'openai' | 'custom';

/** Everything a user may set; every field is optional (see `configDefaults`). */
export interface FieldworkOptions {
  /** Project root; all relative paths below resolve against it. */
  root?: string;
  recordingsDir?: string;
  reportsDir?: string;
  generatedDir?: string;
  schemasDir?: string;
  /** OpenAPI spec to hold traffic against. Default: `schemas/openapi.yaml` (see `spec sync`). */
  specPath?: string;
  /** Directory for caches (compiled validators, parsed spec). */
  cacheDir?: string;
  mode?: RecordMode;
  target?: TargetName;
  /** Base URL of an OpenAI-compatible server (implies target `custom`). */
  baseUrl?: string;
  /** Extra secrets to redact before anything is persisted. */
  redact?: { headers?: string[]; queryParams?: string[]; bodyPaths?: string[] };
  /** Model lists scenarios expand over; users widen the matrix here, not in scenario files. */
  models?: { chat?: string[]; small?: string[]; reasoning?: string[] };
  /** Variants recorded in parallel. */
  concurrency?: number;
  /** SDK retries while recording (replay always uses 0). */
  retries?: number;
  /** Replay pacing: `none` returns bodies at once, `recorded` replays chunk offsets. */
  pace?: 'none' | 'recorded';
}

/** The complete configuration after defaults, config file, environment and flags are merged. */
export interface FieldworkConfig {
  root: string;
  recordingsDir: string;
  reportsDir: string;
  generatedDir: string;
  schemasDir: string;
  specPath: string;
  cacheDir: string;
  mode: RecordMode;
  target: TargetName;
  baseUrl: string | null;
  redact: { headers: string[]; queryParams: string[]; bodyPaths: string[] };
  models: { chat: string[]; small: string[]; reasoning: string[] };
  concurrency: number;
  retries: number;
  pace: 'none' | 'recorded';
}

/** Headers that always hold secrets; user-configured ones are added to these, never replace them. */
export const ALWAYS_REDACTED_HEADERS: readonly string[] = [
  'authorization',
  'api-key',
  'openai-organization',
  'openai-project',
  'cookie',
  'set-cookie',
];

/** Defaults, exported so users and tests can see and reuse them (like vitest's `configDefaults`). */
export const configDefaults: Readonly<Omit<FieldworkConfig, 'root'>> = Object.freeze({
  recordingsDir: 'recordings',
  reportsDir: 'reports',
  generatedDir: 'generated',
  schemasDir: 'schemas',
  specPath: 'schemas/openapi.yaml',
  cacheDir: '.cache/fieldwork',
  mode: 'replay',
  target: 'aimock',
  baseUrl: null,
  redact: { headers: [], queryParams: [], bodyPaths: [] },
  models: { chat: ['gpt-4.1'], small: ['gpt-4o-mini'], reasoning: ['o4-mini'] },
  concurrency: 1,
  retries: 0,
  pace: 'none',
});

/** Name of the optional JSON config file at the project root. */
export const CONFIG_FILE = 'fieldwork.config.json';

function readConfigFile(root: string): FieldworkOptions {
  const file = join(root, CONFIG_FILE);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as FieldworkOptions;
  } catch (error) {
    throw new FieldworkError('E_CONFIG', `${file} is not valid JSON (${(error as Error).message}). Fix or delete it.`);
  }
}

/**
 * The mode the environment imposes, if any: `FIELDWORK_MODE`, else `replay` under `CI=true`
 * (CI must never reach the network unless a flag says so).
 */
export function modeFromEnv(env: NodeJS.ProcessEnv = process.env): RecordMode | undefined {
  const explicit = env['FIELDWORK_MODE'] as RecordMode | undefined;
  if (explicit) return explicit;
  return env['CI'] === 'true' || env['CI'] === '1' ? 'replay' : undefined;
}

/**
 * Resolves options once into a complete config. Precedence: explicit options (CLI flags) >
 * environment (`FIELDWORK_SPEC`, `FIELDWORK_MODE`, `CI`) > `fieldwork.config.json` > defaults.
 * Under `CI=true` the mode is `replay` unless a flag says otherwise.
 */
export function resolveConfig(options: FieldworkOptions = {}, env: NodeJS.ProcessEnv = process.env): FieldworkConfig {
  const root = resolve(options.root ?? env['FIELDWORK_ROOT'] ?? process.cwd());
  const file = readConfigFile(root);
  const pick = <K extends keyof FieldworkOptions>(key: K): FieldworkOptions[K] => options[key] ?? file[key];
  const abs = (p: string): string => (isAbsolute(p) ? p : join(root, p));
  const mode = options.mode ?? modeFromEnv(env) ?? file.mode ?? configDefaults.mode;
  if (!['record', 'new', 'replay', 'passthrough'].includes(mode)) {
    throw new FieldworkError('E_CONFIG', `Unknown mode "${mode}". Use one of: record, new, replay, passthrough.`);
  }
  const baseUrl = pick('baseUrl') ?? null;
  const redact = { ...configDefaults.redact, ...file.redact, ...options.redact };
  const models = { ...configDefaults.models, ...file.models, ...options.models };
  return {
    root,
    recordingsDir: abs(pick('recordingsDir') ?? configDefaults.recordingsDir),
    reportsDir: abs(pick('reportsDir') ?? configDefaults.reportsDir),
    generatedDir: abs(pick('generatedDir') ?? configDefaults.generatedDir),
    schemasDir: abs(pick('schemasDir') ?? configDefaults.schemasDir),
    specPath: abs(options.specPath ?? env['FIELDWORK_SPEC'] ?? file.specPath ?? configDefaults.specPath),
    cacheDir: abs(pick('cacheDir') ?? configDefaults.cacheDir),
    mode,
    target: pick('target') ?? (baseUrl ? 'custom' : configDefaults.target),
    baseUrl,
    redact: {
      headers: [...(redact.headers ?? [])],
      queryParams: [...(redact.queryParams ?? [])],
      bodyPaths: [...(redact.bodyPaths ?? [])],
    },
    models: {
      chat: [...(models.chat ?? configDefaults.models.chat)],
      small: [...(models.small ?? configDefaults.models.small)],
      reasoning: [...(models.reasoning ?? configDefaults.models.reasoning)],
    },
    concurrency: Math.max(1, pick('concurrency') ?? configDefaults.concurrency),
    retries: Math.max(0, pick('retries') ?? configDefaults.retries),
    pace: pick('pace') ?? configDefaults.pace,
  };
}
