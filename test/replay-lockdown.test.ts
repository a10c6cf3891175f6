import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runScenarios } from '../harness/record/runner.ts';
import { defineScenario } from '../harness/scenario/define.ts';
import { runCli, type CliRun } from './support/cli.ts';
import { scenarioRoot, startChatServer, tempDir, testConfig, type TestServer } from './record-helpers.ts';

// Replay is a lockdown: no recording means failure with the fix spelled out, and no socket.
const chat = (content: string) =>
  defineScenario({
    id: 'lockdown-chat',
    description: 'one chat call',
    endpoint: 'POST /v1/chat/completions',
    matrix: { model: ['gpt-4o-mini'], stream: [false] },
    run: async ({ client, params }) =>
      (await client.chat.completions.create({ model: String(params['model']), messages: [{ role: 'user', content }] })).choices[0]?.message
        .content,
  });

describe('replay lockdown', () => {
  let server: TestServer;
  const dir = tempDir();
  beforeAll(async () => {
    server = await startChatServer();
  });
  afterAll(() => server?.close());

  it('fails a variant without a cassette, naming scenario, variant and the exact record command', async () => {
    const summary = await runScenarios({ config: testConfig(dir, { mode: 'replay', target: 'aimock', baseUrl: `${server.url}/v1` }), scenarios: [chat('a')] });
    const [result] = summary.results;
    expect(result?.status).toBe('failed');
    expect(result?.message).toContain('scenario "lockdown-chat"');
    expect(result?.message).toContain('variant "model=gpt-4o-mini,stream=false"');
    expect(result?.message).toContain("npx fieldwork record 'lockdown-chat/model=gpt-4o-mini,stream=false' --target aimock --mode new");
    expect(server.connections).toBe(0);
  });

  it('fails a request the cassette does not hold, with the SDK retries off and no socket', async () => {
    const config = testConfig(dir, { baseUrl: `${server.url}/v1` });
    const recorded = await runScenarios({ config: { ...config, mode: 'record' }, scenarios: [chat('a')] });
    expect(recorded.results[0]?.status).toBe('recorded');
    const before = { connections: server.connections, requests: server.requests };
    const replay = await runScenarios({ config: { ...config, mode: 'replay', retries: 5 }, scenarios: [chat('a different prompt')] });
    const [result] = replay.results;
    expect(result?.status).toBe('failed');
    expect(result?.message).toMatch(
      /^No recording of POST \/v1\/chat\/completions in .*lockdown-chat\/model=gpt-4o-mini,stream=false\.har for scenario "lockdown-chat"/,
    );
    expect(result?.message).toContain('--base-url');
    expect(result?.networkRequests).toBe(0);
    expect({ connections: server.connections, requests: server.requests }).toEqual(before);
    // And the recorded prompt still replays.
    const ok = await runScenarios({ config: { ...config, mode: 'replay' }, scenarios: [chat('a')] });
    expect(ok.results[0]?.status).toBe('replayed');
    expect(ok.results[0]?.value).toBe('hi');
  });

  it('CLI: `fieldwork replay` exits 1 and prints the message', async () => {
    const root = scenarioRoot('cli-missing', "{ id: 'cli-missing', description: 'x', endpoint: 'GET /v1/models', run: async ({ client }) => client.models.list() }");
    const { code, out, err } = await runCli(['--root', root, 'replay']);
    const text = out + err;
    expect(code).toBe(1);
    expect(text).toContain('scenario "cli-missing", variant "default"');
    expect(text).toContain('npx fieldwork record cli-missing/default --target aimock --mode new');
    expect(text).toMatch(/0 recorded \/ 0 replayed \/ 1 failed/);
  });

  it('CLI: `fieldwork record` under CI=true replays (locked) unless --mode says otherwise', async () => {
    const root = scenarioRoot('ci-missing', "{ id: 'ci-missing', description: 'x', endpoint: 'GET /v1/models', run: async ({ client }) => client.models.list() }");
    const requestsBefore = server.requests;
    vi.stubEnv('CI', 'true');
    let result: CliRun;
    try {
      result = await runCli(['--root', root, 'record', '--base-url', `${server.url}/v1`]);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(result.code).toBe(1);
    expect(result.out).toContain('(mode replay: network is locked)');
    expect(server.requests).toBe(requestsBefore);
  });

  it('CLI: --help documents record and replay flags', async () => {
    const text = (await runCli(['record', '--help'])).out + (await runCli(['replay', '--help'])).out;
    for (const flag of ['--target', '--base-url', '--mode', '--concurrency', '--retries', '--pace']) expect(text).toContain(flag);
  });
});
