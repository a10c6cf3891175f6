import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { FieldworkConfig, TargetName } from '../core/config.ts';
import { FieldworkError } from '../core/errors.ts';
import { providerOfUrl } from '../core/provider.ts';
import { startChildServer } from './child-server.ts';

/** A server to record against, and what the client needs to reach it. */
export interface RunningTarget {
  target: TargetName;
  /** Directory name under recordings/ and `log._fieldwork.provider`. */
  provider: string;
  /** Base URL including `/v1`. */
  baseURL: string;
  apiKey: string;
  organization?: string;
  project?: string;
  stop(): Promise<void>;
}

/** Where the aimock target loads its fixtures from: every `*.json` in this directory. */
export const AIMOCK_FIXTURES_DIR = 'scenarios/fixtures/aimock';

/** Credentials from the environment; mocks accept anything, so a placeholder is fine there. */
function credentials(env: NodeJS.ProcessEnv, fallbackKey: string): Pick<RunningTarget, 'apiKey' | 'organization' | 'project'> {
  const out: Pick<RunningTarget, 'apiKey' | 'organization' | 'project'> = { apiKey: env['OPENAI_API_KEY'] || fallbackKey };
  if (env['OPENAI_ORG_ID']) out.organization = env['OPENAI_ORG_ID'];
  if (env['OPENAI_PROJECT_ID']) out.project = env['OPENAI_PROJECT_ID'];
  return out;
}

/** Provider name for a custom base URL (see `providerOfUrl`); a URL that does not parse is misuse. */
export function providerForUrl(baseUrl: string): string {
  const provider = providerOfUrl(baseUrl);
  if (provider === null) throw new FieldworkError('E_CONFIG', `--base-url "${baseUrl}" is not an absolute http(s) URL, e.g. http://localhost:8080/v1.`);
  return provider;
}

/** Which provider directory a config records into / replays from, without starting anything. */
export function providerFor(config: FieldworkConfig): string {
  if (config.target === 'custom') {
    if (!config.baseUrl) throw new FieldworkError('E_CONFIG', 'Target "custom" needs --base-url URL.');
    return providerForUrl(config.baseUrl);
  }
  return config.target;
}

/** Starts aimock in-process on a free loopback port with every fixture file it finds. */
async function startAimock(config: FieldworkConfig, env: NodeJS.ProcessEnv): Promise<RunningTarget> {
  const { LLMock } = await import('@copilotkit/aimock');
  const mock = new LLMock({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  const dir = join(config.root, AIMOCK_FIXTURES_DIR);
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) mock.loadFixtureFile(join(dir, name));
  }
  const url = await mock.start();
  return {
    target: 'aimock',
    provider: 'aimock',
    baseURL: `${url}/v1`,
    ...credentials(env, 'fieldwork-aimock'),
    stop: async () => {
      await mock.stop();
    },
  };
}

/** A free loopback port (the OS picks it; prism needs a number up front). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** How long prism may take to load the spec and listen (it needs ~40 s for the full spec on 2 cores). */
export const PRISM_START_TIMEOUT_MS = 150_000;

/**
 * Starts `prism mock <spec>` on a free loopback port and waits until it listens. prism runs in
 * its own process group, killed whole on a failed start and on `stop()` (see child-server.ts).
 * `FIELDWORK_PRISM_START_TIMEOUT_MS` in the environment overrides the start timeout.
 */
async function startPrism(config: FieldworkConfig, env: NodeJS.ProcessEnv): Promise<RunningTarget> {
  if (!existsSync(config.specPath)) {
    throw new FieldworkError('E_SPEC_MISSING', `Target prism needs the OpenAPI spec at ${config.specPath}. Run \`fieldwork spec sync\` or pass --spec PATH.`);
  }
  const bin = createRequire(import.meta.url).resolve('@stainless-api/prism-cli/dist/index.js');
  const port = await freePort();
  const override = Number(env['FIELDWORK_PRISM_START_TIMEOUT_MS']);
  const server = await startChildServer({
    name: 'prism',
    command: process.execPath,
    args: [bin, 'mock', '-h', '127.0.0.1', '-p', String(port), config.specPath],
    ready: /listening on/i,
    timeoutMs: Number.isFinite(override) && override > 0 ? override : PRISM_START_TIMEOUT_MS,
    hint: `Check that ${config.specPath} is a valid OpenAPI document (\`fieldwork spec\`), or raise FIELDWORK_PRISM_START_TIMEOUT_MS on a slow machine.`,
  });
  return {
    target: 'prism',
    provider: 'prism',
    // The spec's paths carry no /v1 (its server URL does), so prism serves them at the root.
    baseURL: `http://127.0.0.1:${port}`,
    ...credentials(env, 'fieldwork-prism'),
    stop: () => server.stop(),
  };
}

/**
 * Starts (or points at) the configured target. Only record/new/passthrough need one; replay
 * never calls this, so it opens no socket.
 */
export async function startTarget(config: FieldworkConfig, env: NodeJS.ProcessEnv = process.env): Promise<RunningTarget> {
  switch (config.target) {
    case 'aimock':
      return startAimock(config, env);
    case 'prism':
      return startPrism(config, env);
    case 'openai': {
      if (!env['OPENAI_API_KEY']) {
        throw new FieldworkError('E_NO_KEY', 'Target openai needs OPENAI_API_KEY in the environment (and optionally OPENAI_ORG_ID / OPENAI_PROJECT_ID).');
      }
      const baseURL = config.baseUrl ?? 'https://api.openai.com/v1';
      return { target: 'openai', provider: 'openai', baseURL, ...credentials(env, ''), stop: async () => {} };
    }
    case 'custom': {
      const provider = providerFor(config);
      return { target: 'custom', provider, baseURL: config.baseUrl as string, ...credentials(env, 'fieldwork'), stop: async () => {} };
    }
  }
}
