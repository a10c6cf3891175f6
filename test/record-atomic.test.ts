import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenarios } from '../harness/record/runner.ts';
import { defineScenario } from '../harness/scenario/define.ts';
import { REPO_ROOT } from './support/shared.ts';
import { scenarioRoot, snapshotDir, startServer, tempDir, testConfig, type TestServer } from './record-helpers.ts';

// Nothing lost: a re-record that fails or is killed leaves the old cassettes byte-identical.
let counter = 0;
let slow = false;

describe('re-recording never damages existing cassettes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((req, res) => {
      counter++;
      if (slow && req.url?.includes('/models')) {
        // Hold the response open so the recorder is mid-request when it is killed.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"object":"list","data":[');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: `model-${counter}`, object: 'model', created: counter, owned_by: 'x' }] }));
    });
  });
  afterAll(() => server?.close());

  const scenario = (fail: boolean) =>
    defineScenario({
      id: 'atomic-models',
      description: 'lists models, then maybe throws',
      endpoint: 'GET /v1/models',
      matrix: { n: [1, 2] },
      run: async ({ client, params }) => {
        const page = await client.models.list();
        if (fail && params['n'] === 2) throw new Error('scenario assertion failed after the request');
        return page.data[0]?.id;
      },
    });

  it('a failing variant keeps its old cassette; the passing one is re-recorded', async () => {
    const dir = tempDir();
    const config = testConfig(dir, { baseUrl: `${server.url}/v1` });
    const first = await runScenarios({ config: { ...config, mode: 'record' }, scenarios: [scenario(false)] });
    expect(first.recorded).toBe(2);
    const before = snapshotDir(dir);
    const second = await runScenarios({ config: { ...config, mode: 'record' }, scenarios: [scenario(true)] });
    expect(second.results.map((r) => r.status)).toEqual(['recorded', 'failed']);
    const after = snapshotDir(dir);
    const failedFile = second.results[1]?.file as string;
    const passedFile = second.results[0]?.file as string;
    expect(after.get(failedFile)?.equals(before.get(failedFile) as Buffer)).toBe(true);
    expect(after.get(passedFile)?.equals(before.get(passedFile) as Buffer)).toBe(false);
    expect([...after.keys()].filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a record run killed mid-request leaves every cassette byte-identical and no temp file', async () => {
    const root = scenarioRoot(
      'killed-models',
      "{ id: 'killed-models', description: 'x', endpoint: 'GET /v1/models', run: async ({ client }) => (await client.models.list()).data.length }",
    );
    const dir = join(root, 'recordings');
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
    const cli = (args: string[]) =>
      spawn(process.execPath, [join(REPO_ROOT, 'bin/fieldwork.mjs'), '--root', root, 'record', '--base-url', `${server.url}/v1`, ...args], {
        env: { ...process.env, CI: '' },
        stdio: 'pipe',
      });
    const first = cli(['--mode', 'record']);
    expect(await new Promise((resolve) => first.once('exit', resolve))).toBe(0);
    const before = snapshotDir(dir);
    expect(before.size).toBe(1);
    slow = true;
    const seen = server.requests;
    const second = cli(['--mode', 'record']);
    // Wait until the request is in flight, then kill the recorder hard.
    while (server.requests === seen) await new Promise((r) => setTimeout(r, 20));
    second.kill('SIGKILL');
    await new Promise((resolve) => second.once('exit', resolve));
    slow = false;
    const after = snapshotDir(dir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true);
    expect(readdirSync(join(dir, new URL(server.url).hostname, 'killed-models'))).toEqual(['default.har']);
  });
});

describe('modes new and passthrough', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'model', id: req.url, created: 1, owned_by: 'x' }));
    });
  });
  afterAll(() => server?.close());

  const models = (ids: string[]) =>
    defineScenario({
      id: 'mode-models',
      description: 'retrieves some models',
      endpoint: 'GET /v1/models/{model}',
      run: async ({ client }) => {
        const out: string[] = [];
        for (const id of ids) out.push((await client.models.retrieve(id)).id);
        return out;
      },
    });

  it('new records only the missing requests and leaves a complete cassette alone', async () => {
    const dir = tempDir();
    const config = testConfig(dir, { baseUrl: `${server.url}/v1` });
    const first = await runScenarios({ config: { ...config, mode: 'new' }, scenarios: [models(['a'])] });
    expect([first.results[0]?.status, first.results[0]?.networkRequests]).toEqual(['recorded', 1]);
    const grown = await runScenarios({ config: { ...config, mode: 'new' }, scenarios: [models(['a', 'b'])] });
    expect([grown.results[0]?.status, grown.results[0]?.networkRequests]).toEqual(['recorded', 1]);
    const before = snapshotDir(dir);
    const again = await runScenarios({ config: { ...config, mode: 'new' }, scenarios: [models(['a', 'b'])] });
    expect([again.results[0]?.status, again.results[0]?.networkRequests]).toEqual(['replayed', 0]);
    const after = snapshotDir(dir);
    for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes)).toBe(true);
    const replay = await runScenarios({ config: { ...config, mode: 'replay' }, scenarios: [models(['a', 'b'])] });
    expect(replay.results[0]?.value).toEqual(['/v1/models/a', '/v1/models/b']);
  });

  it('passthrough goes to the network and stores nothing', async () => {
    const dir = tempDir();
    const summary = await runScenarios({ config: testConfig(dir, { baseUrl: `${server.url}/v1`, mode: 'passthrough' }), scenarios: [models(['a'])] });
    expect([summary.results[0]?.status, summary.results[0]?.networkRequests]).toEqual(['passed', 1]);
    expect(snapshotDir(dir).size).toBe(0);
  });
});
