import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Har } from '@pollyjs/persister';
import OpenAI from 'openai';
import type { FieldworkConfig } from '../core/config.ts';
import { FieldworkError } from '../core/errors.ts';
import { isRecord } from '../core/json.ts';
import { discoverScenarios, matchesGlobs } from '../scenario/discover.ts';
import { expandMatrix } from '../scenario/matrix.ts';
import type { ScenarioDefinition, Variant } from '../scenario/types.ts';
import { cassettePath, missingRecordingError } from './cassette-path.ts';
import { installGlobalFetch, withGlobalFetch } from './global-fetch.ts';
import { readCassette } from './persister.ts';
import { redactionRules } from './redact.ts';
import { openSession } from './session.ts';
import { providerFor, startTarget, type RunningTarget } from './targets.ts';

/** Outcome of one variant. `passed` is a passthrough run (nothing stored). */
export type VariantStatus = 'recorded' | 'replayed' | 'passed' | 'failed' | 'skipped';

export interface VariantResult {
  /** Full variant name, `chat-basic/model=gpt-4o-mini,stream=true`. */
  name: string;
  scenarioId: string;
  file: string;
  status: VariantStatus;
  /** Why it failed or was skipped. */
  message?: string;
  /** Requests that reached the network (always 0 in replay). */
  networkRequests: number;
  durationMs: number;
  /** What `run(ctx)` returned (compare record and replay runs with it). */
  value?: unknown;
}

export interface RunSummary {
  results: VariantResult[];
  recorded: number;
  replayed: number;
  passed: number;
  failed: number;
  skipped: number;
}

export interface RunOptions {
  config: FieldworkConfig;
  /** Scenario globs (`chat-*`) or variant globs (`chat-basic/model=*`); none = all. */
  globs?: readonly string[];
  /** Default `<root>/scenarios`. */
  scenariosDir?: string;
  /** Environment for credentials (OPENAI_API_KEY, OPENAI_ORG_ID, OPENAI_PROJECT_ID). */
  env?: NodeJS.ProcessEnv;
  /** Called when the variant list is known and after every variant. */
  onStart?(total: number): void;
  onResult?(result: VariantResult): void;
  /** Preloaded scenarios (tests); skips discovery. */
  scenarios?: readonly ScenarioDefinition[];
}

interface Job {
  scenario: ScenarioDefinition;
  variant: Variant;
}

const needsNetwork = (config: FieldworkConfig): boolean => config.mode !== 'replay';

/** False when the scenario lists its targets and the configured one is not among them (skipped). */
const servesTarget = (scenario: ScenarioDefinition, config: FieldworkConfig): boolean =>
  !scenario.targets || scenario.targets.includes(config.target);

/**
 * A cassette to replay, parsed once: its recorded base URL (presented to the scenario) and the HAR,
 * which the session reuses instead of reading the file again. Null when the file cannot be read or
 * is not JSON: the session then reads it itself and reports the corrupt cassette on the first request.
 */
export function recordedCassette(file: string): { har: Har; baseUrl: string | null } | null {
  let har: Har;
  try {
    har = readCassette(file);
  } catch {
    return null;
  }
  if (!isRecord(har)) return null;
  const meta: unknown = isRecord(har.log) ? (har.log as Record<string, unknown>)['_fieldwork'] : undefined;
  const baseUrl = isRecord(meta) && typeof meta['baseUrl'] === 'string' && meta['baseUrl'] !== '' ? meta['baseUrl'] : null;
  return { har, baseUrl };
}

async function runVariant(job: Job, config: FieldworkConfig, provider: string, target: RunningTarget | null): Promise<VariantResult> {
  const { scenario, variant } = job;
  const started = performance.now();
  const file = cassettePath(config.recordingsDir, provider, variant.name);
  const result = (status: VariantStatus, extra: Partial<VariantResult> = {}): VariantResult => ({
    name: variant.name,
    scenarioId: scenario.id,
    file,
    status,
    networkRequests: 0,
    durationMs: Math.round(performance.now() - started),
    ...extra,
  });
  if (!servesTarget(scenario, config)) {
    const targets = scenario.targets ?? [];
    return result('skipped', { message: `target ${config.target} is not among the scenario's targets (${targets.join(', ')})` });
  }
  if (config.mode === 'replay' && !existsSync(file)) {
    return result('failed', { message: missingRecordingError(variant.name, file, config.target, config.baseUrl).message });
  }
  // Replay presents the recorded base URL (or --base-url) to the scenario; no socket is opened.
  // The cassette is parsed only when its base URL is needed, and then handed to the session.
  const given = target?.baseURL ?? config.baseUrl;
  const recorded = given == null ? recordedCassette(file) : null;
  const baseURL = given ?? recorded?.baseUrl ?? 'http://replay.fieldwork.invalid/v1';
  const session = openSession({
    mode: config.mode,
    file,
    recordingName: `${provider}/${variant.name}`,
    meta: {
      provider,
      scenario: scenario.id,
      variant: variant.name.slice(scenario.id.length + 1),
      params: variant.params,
      baseUrl: baseURL,
    },
    rules: redactionRules(config.redact),
    pace: config.pace,
    onMissing: (method, url) => missingRecordingError(variant.name, file, config.target, config.baseUrl, { method, url }, config.mode),
    ...(recorded ? { cassette: recorded.har } : {}),
  });
  const client = new OpenAI({
    apiKey: target?.apiKey ?? 'fieldwork-replay',
    organization: target?.organization ?? null,
    project: target?.project ?? null,
    baseURL,
    fetch: session.fetch,
    // Replay is a lockdown: one attempt, exactly what was recorded.
    maxRetries: config.mode === 'replay' ? 0 : config.retries,
  });
  let value: unknown;
  try {
    value = await withGlobalFetch(session.fetch, () =>
      scenario.run({ client, fetch: session.fetch, params: variant.params, variant, baseURL, provider, config }),
    );
  } catch (error) {
    await session.stop(false);
    const lost = session.networkFailures();
    const message = session.missing[0]?.message ?? (lost[0] ? `${describe(error)}; no response was received for ${lost[0]}` : describe(error));
    return result('failed', { message, networkRequests: session.networkRequests });
  }
  // The scenario may have caught a connection error: no response arrived, so none was recorded
  // for that request. The variant failed, and a failed variant never touches its old cassette.
  const lost = session.networkFailures();
  try {
    await session.stop((config.mode === 'record' || config.mode === 'new') && lost.length === 0);
  } catch (error) {
    return result('failed', { message: `Cannot write ${file}: ${describe(error)}`, networkRequests: session.networkRequests });
  }
  if (session.missing.length > 0) {
    // The scenario swallowed the failure; the lockdown still counts it.
    return result('failed', { message: session.missing[0]?.message ?? '', networkRequests: session.networkRequests });
  }
  if (lost.length > 0) {
    const more = lost.length > 1 ? ` (and ${lost.length - 1} more)` : '';
    return result('failed', {
      message: `No response was received for ${lost[0]}${more}; the scenario caught the error, so nothing was recorded and ${file} was left as it was.`,
      networkRequests: session.networkRequests,
    });
  }
  const status: VariantStatus =
    config.mode === 'passthrough' ? 'passed' : config.mode === 'replay' || session.networkRequests === 0 ? 'replayed' : 'recorded';
  return result(status, { networkRequests: session.networkRequests, value });
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** Runs `fn` over `items` with at most `limit` in flight; results in item order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Records, replays or passes through every selected variant. Each variant gets its own Polly
 * instance and cassette, so `config.concurrency` variants can run in parallel without cross-talk.
 * A variant that fails leaves its old cassette byte-identical. Replay starts no target.
 */
export async function runScenarios(options: RunOptions): Promise<RunSummary> {
  const { config } = options;
  const globs = options.globs ?? [];
  const scenarios =
    options.scenarios ?? (await discoverScenarios(options.scenariosDir ?? join(config.root, 'scenarios'), globs)).map((d) => d.scenario);
  const jobs: Job[] = scenarios.flatMap((scenario) =>
    expandMatrix(scenario, config)
      .filter((variant) => matchesGlobs(variant.name, globs))
      .map((variant) => ({ scenario, variant })),
  );
  if (jobs.length === 0 && globs.length > 0) {
    throw new FieldworkError('E_NO_SCENARIO', `No scenario matches ${globs.join(' ')}. List them with \`ls scenarios/\`.`);
  }
  options.onStart?.(jobs.length);
  const provider = providerFor(config);
  // A run whose variants are all skipped for this target starts nothing (prism takes seconds).
  const runnable = jobs.some((job) => servesTarget(job.scenario, config));
  // Every way out of here (a failed start included) stops the target and restores fetch.
  let target: RunningTarget | null = null;
  const uninstall = installGlobalFetch();
  let results: VariantResult[];
  try {
    if (needsNetwork(config) && runnable) target = await startTarget(config, options.env ?? process.env);
    results = await pool(jobs, config.concurrency, async (job) => {
      const r = await runVariant(job, config, target?.provider ?? provider, target);
      options.onResult?.(r);
      return r;
    });
  } finally {
    uninstall();
    await target?.stop();
  }
  const count = (status: VariantStatus): number => results.filter((r) => r.status === status).length;
  return {
    results,
    recorded: count('recorded'),
    replayed: count('replayed'),
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
}
