import { existsSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { modeFromEnv, resolveConfig, type FieldworkOptions, type RecordMode } from '../core/config.ts';
import { FieldworkError } from '../core/errors.ts';
import { CASSETTE_EXT } from '../record/cassette-path.ts';
import { redactionRules } from '../record/redact.ts';
import { openSession, type RecordingSession } from '../record/session.ts';
import { providerForUrl } from '../record/targets.ts';

/** Options of a cassette in a user's own test suite; all optional. */
export interface CassetteOptions extends FieldworkOptions {
  /** Server to record against. Default: `$OPENAI_BASE_URL` or `https://api.openai.com/v1`. */
  baseURL?: string;
  /** Directory under recordings/. Default: `openai` for api.openai.com, else the host. */
  provider?: string;
  /** Default: `$OPENAI_API_KEY` (only needed while recording). */
  apiKey?: string;
  env?: NodeJS.ProcessEnv;
}

/** A client and fetch bound to one cassette. */
export interface Cassette {
  client: OpenAI;
  fetch: typeof globalThis.fetch;
  mode: RecordMode;
  file: string;
  /** Ends the session; writes the cassette when `persist` and the mode records. */
  close(persist?: boolean): Promise<void>;
  /** Throws the first missing-recording error, if any (the SDK reports it as "Connection error."). */
  assertNoMissing(): void;
  readonly session: RecordingSession;
}

/**
 * The mode for a user's suite: `options.mode` first, then the environment (FIELDWORK_MODE;
 * CI=true replays); otherwise, with an API key, what is missing gets recorded (`new`), and
 * without one, replay. The config file's `mode` is not consulted here.
 */
export function cassetteMode(options: CassetteOptions, env: NodeJS.ProcessEnv): RecordMode {
  if (options.mode) return options.mode;
  // resolveConfig validates the environment's mode (an unknown FIELDWORK_MODE throws).
  const config = resolveConfig({ ...(options.root ? { root: options.root } : {}) }, env);
  if (modeFromEnv(env)) return config.mode;
  return options.apiKey || env['OPENAI_API_KEY'] ? 'new' : 'replay';
}

/**
 * Opens the cassette `recordings/<provider>/<name>.har` for a test: records what is missing when
 * run locally with a key, replays under CI=true, with the recorder's lockdown and redaction.
 */
export function openCassette(name: string, options: CassetteOptions = {}): Cassette {
  const env = options.env ?? process.env;
  if (!/^[A-Za-z0-9._@+=,-]+(\/[A-Za-z0-9._@+=,-]+)*$/.test(name)) {
    throw new FieldworkError('E_CASSETTE_NAME', `Cassette name "${name}" must be path segments of letters, digits and . _ - = , (e.g. "my-suite/summarize").`);
  }
  const mode = cassetteMode(options, env);
  const config = resolveConfig({ ...options, mode }, env);
  const baseURL = options.baseURL ?? env['OPENAI_BASE_URL'] ?? 'https://api.openai.com/v1';
  const provider = options.provider ?? providerForUrl(baseURL);
  const file = join(config.recordingsDir, provider, `${name}${CASSETTE_EXT}`);
  const command = `record it locally with OPENAI_API_KEY set and FIELDWORK_MODE=new (e.g. FIELDWORK_MODE=new npx vitest run)`;
  if (mode === 'replay' && !existsSync(file)) {
    throw new FieldworkError('E_REPLAY_MISSING', `No cassette "${name}" at ${file} (mode replay: network is locked); ${command}.`);
  }
  const session = openSession({
    mode,
    file,
    recordingName: `${provider}/${name}`,
    meta: {
      provider,
      scenario: name,
      variant: 'default',
      params: {},
      baseUrl: baseURL,
    },
    rules: redactionRules(config.redact),
    pace: config.pace,
    onMissing: (method, url) =>
      new FieldworkError(
        'E_REPLAY_MISSING',
        `No recording of ${method} ${new URL(url).pathname} in cassette "${name}" (${file}; mode ${mode}: network is locked); ${command}.`,
      ),
  });
  const client = new OpenAI({
    apiKey: options.apiKey ?? env['OPENAI_API_KEY'] ?? 'fieldwork-replay',
    organization: env['OPENAI_ORG_ID'] ?? null,
    project: env['OPENAI_PROJECT_ID'] ?? null,
    baseURL,
    fetch: session.fetch,
    maxRetries: mode === 'replay' ? 0 : config.retries,
  });
  return {
    client,
    fetch: session.fetch,
    mode,
    file,
    session,
    close: (persist = true) => session.stop(persist && (mode === 'record' || mode === 'new')),
    assertNoMissing() {
      const [missing] = session.missing.splice(0);
      if (missing) throw missing;
    },
  };
}
