import { LLMock } from '@copilotkit/aimock';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenarios, type VariantResult } from '../harness/record/runner.ts';
import { defineScenario } from '../harness/scenario/define.ts';
import { tempDir, testConfig } from './record-helpers.ts';
import { REPO_ROOT } from './support/shared.ts';

/**
 * `record --concurrency N`: variants run in parallel, each with its own Polly instance and
 * cassette. Every variant asks aimock (slowed to 300 ms per answer, so runs overlap) about its own
 * word through the SDK and through global fetch; each cassette must hold exactly its own traffic.
 */
const WORDS = Array.from({ length: 8 }, (_, i) => `word${i}`);
const LATENCY_MS = 300;

let mock: LLMock;
let dir: string;

const probe = defineScenario({
  id: 'conc-probe',
  description: 'one chat call and one global-fetch call per variant, each about its own word',
  endpoint: ['POST /v1/chat/completions', 'GET /v1/models'],
  matrix: { word: WORDS },
  run: async ({ client, baseURL, params }) => {
    const word = String(params['word']);
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: word }] });
    // Global fetch, as third-party code inside a scenario would call it.
    const models = await fetch(`${baseURL}/models?for=${word}`);
    return { word, text: completion.choices[0]?.message.content, models: models.status };
  },
});

interface Entry {
  request: { url: string; postData?: { text?: string } };
  response: { content: { text?: string } };
}
const entriesOf = (file: string): Entry[] => (JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: Entry[] } }).log.entries;

/** Largest number of chat requests that arrived within one answer's latency of each other. */
function overlap(): number {
  const times = mock
    .getRequests()
    .filter((r) => r.path === '/v1/chat/completions')
    .map((r) => r.timestamp)
    .sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < times.length; i++) best = Math.max(best, times.filter((t) => t >= times[i]! && t - times[i]! < LATENCY_MS / 2).length);
  return best;
}

function expectOwnTrafficOnly(results: VariantResult[]): void {
  expect(results.map((r) => r.status)).toEqual(WORDS.map(() => 'recorded'));
  for (const r of results) {
    const word = (r.value as { word: string }).word;
    expect(r.value).toEqual({ word, text: `echo ${word}`, models: 200 });
    const entries = entriesOf(r.file);
    expect(entries, r.file).toHaveLength(2);
    const text = JSON.stringify(entries);
    for (const other of WORDS) if (other !== word) expect(text.includes(`"${other}`) || text.includes(`=${other}`), `${other} in ${r.file}`).toBe(false);
    expect(entries.some((e) => e.request.url.endsWith(`/models?for=${word}`))).toBe(true);
  }
}

beforeAll(async () => {
  dir = tempDir('fieldwork-concurrency-');
  mock = new LLMock({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  for (const word of WORDS) mock.onMessage(word, { content: `echo ${word}` });
  // A fixed delay before every answer, so parallel variants overlap at the server.
  mock.setChaos({ latencyMs: LATENCY_MS });
  await mock.start();
});
afterAll(async () => {
  await mock.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('record --concurrency', () => {
  it('runs variants in parallel without cross-talk between cassettes; replay returns each its own values', async () => {
    const recordings = join(dir, 'api');
    const config = (mode: 'record' | 'replay', concurrency: number) =>
      testConfig(recordings, { target: 'custom', baseUrl: `${mock.url}/v1`, mode, concurrency });
    mock.clearRequests();
    const rec = await runScenarios({ config: config('record', 4), scenarios: [probe] });
    expect(overlap()).toBeGreaterThanOrEqual(2);
    expectOwnTrafficOnly(rec.results);
    mock.clearRequests();
    const rep = await runScenarios({ config: config('replay', 4), scenarios: [probe] });
    expect(mock.getRequests()).toHaveLength(0);
    expect(rep.results.map((r) => [r.status, r.value])).toEqual(rec.results.map((r) => ['replayed', r.value]));
  });

  it('concurrency 1 runs them one after another (the control for the overlap measure)', async () => {
    mock.clearRequests();
    const recordings = join(dir, 'sequential');
    const summary = await runScenarios({
      config: testConfig(recordings, { target: 'custom', baseUrl: `${mock.url}/v1`, mode: 'record', concurrency: 1 }),
      scenarios: [probe],
      globs: ['conc-probe/word=word0', 'conc-probe/word=word1', 'conc-probe/word=word2'],
    });
    expect(summary.results).toHaveLength(3);
    expect(overlap()).toBe(1);
  });

  it('the CLI flag: `fieldwork record --concurrency 4` over scenario files', async () => {
    const root = join(dir, 'project');
    mkdirSync(join(root, 'scenarios'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
    const harness = pathToFileURL(join(REPO_ROOT, 'harness/scenario/define.ts')).href;
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    const body = source.slice(source.indexOf('defineScenario({'), source.indexOf('\n});', source.indexOf('defineScenario({')) + 3);
    writeFileSync(
      join(root, 'scenarios/conc-probe.ts'),
      `import { defineScenario } from ${JSON.stringify(harness)};\nconst WORDS = ${JSON.stringify(WORDS)};\nexport default ${body}\n`,
    );
    mock.clearRequests();
    // Asynchronous: aimock runs in this process and must keep answering while the CLI records.
    const run = await new Promise<{ status: number | null; output: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [join(REPO_ROOT, 'bin/fieldwork.mjs'), '--root', root, 'record', '--base-url', `${mock.url}/v1`, '--mode', 'record', '--concurrency', '4'],
        { env: { ...process.env, CI: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (b: Buffer) => (output += b.toString()));
      child.stderr.on('data', (b: Buffer) => (output += b.toString()));
      child.on('close', (status) => resolve({ status, output }));
    });
    expect(run.status, run.output).toBe(0);
    expect(overlap()).toBeGreaterThanOrEqual(2);
    for (const word of WORDS) {
      const file = join(root, 'recordings/127.0.0.1/conc-probe', `word=${word}.har`);
      const entries = entriesOf(file);
      expect(entries).toHaveLength(2);
      expect(JSON.stringify(entries)).toContain(`echo ${word}`);
      for (const other of WORDS) if (other !== word) expect(JSON.stringify(entries)).not.toContain(`echo ${other}"`);
    }
  });
});
