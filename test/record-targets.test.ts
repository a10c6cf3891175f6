import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer } from '../harness/record/child-server.ts';
import { tempDir } from './record-helpers.ts';
import { REPO_ROOT } from './support/shared.ts';

/**
 * Target processes (prism) run in their own process group. A start that fails or times out kills
 * the whole tree, so nothing keeps the event loop alive (a timed-out prism start once hung a
 * record run for ~6 minutes); `stop()` kills workers too, even when the leader ignores SIGTERM.
 */

/** A fake server: forks a worker that never exits, prints its pid, listens only when asked to. */
const FAKE = `
const { spawn } = require('node:child_process');
const mode = process.argv[1];
const worker = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('worker ' + worker.pid);
if (mode === 'stubborn') process.on('SIGTERM', () => {});
if (mode === 'crash') process.exit(3);
if (mode !== 'silent') console.log('listening on fake');
setInterval(() => {}, 1000);
`;

const fake = (mode: 'silent' | 'ready' | 'stubborn' | 'crash', timeoutMs = 5_000) =>
  startChildServer({ name: 'fake', command: process.execPath, args: ['-e', FAKE, mode], ready: /listening on/, timeoutMs, stopGraceMs: 300 });

/** Running (zombies count as gone: nobody may be left to reap them in a container). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

const workerPid = (text: string): number => Number(/worker (\d+)/.exec(text)?.[1]);

/** Polls until every pid is gone (SIGKILL is asynchronous), up to 2 s. */
async function gone(pids: number[]): Promise<boolean> {
  for (let i = 0; i < 40 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
  return !pids.some(alive);
}

const dir = tempDir('fieldwork-targets-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('child server targets', () => {
  it('a start that times out kills the whole process group and says so, promptly', async () => {
    const started = performance.now();
    const error = await fake('silent', 300).then(
      () => null,
      (e: Error) => e,
    );
    // A hang guard, not a speed test: the leak this catches took minutes; a busy CI box may be slow.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(error?.message).toMatch(/^fake did not start within 300 ms \(its process group was killed\):\nworker \d+/);
    const worker = workerPid(error?.message ?? '');
    expect(worker).toBeGreaterThan(0);
    expect(await gone([worker])).toBe(true);
  });

  it('a server that exits before listening is reported with its exit code; its worker is killed', async () => {
    const error = await fake('crash').catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^fake exited with code 3 before it listened/);
    expect(await gone([workerPid((error as Error).message)])).toBe(true);
  });

  it('a command that cannot be spawned is an error, not a hang', async () => {
    const error = await startChildServer({ name: 'nothing', command: join(dir, 'no-such-binary'), args: [], ready: /x/, timeoutMs: 5_000 }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^nothing could not be started \(spawn .*ENOENT\)/);
  });

  it.each(['ready', 'stubborn'] as const)('stop() kills the leader and its workers (%s)', async (mode) => {
    const server = await fake(mode);
    const worker = workerPid(server.output);
    expect([alive(server.pid), alive(worker)]).toEqual([true, true]);
    const started = performance.now();
    await server.stop();
    await server.stop(); // idempotent
    expect(await gone([server.pid, worker])).toBe(true);
    // The stubborn one ignores SIGTERM: SIGKILL follows after the grace period (300 ms here).
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('a record run whose prism start times out fails with E_TARGET and the process exits on its own', async () => {
    // Its own Node process: a leftover child or pipe would keep it alive, which vitest would hide.
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\n');
    const script = join(dir, 'run.mts');
    writeFileSync(
      script,
      `
import { resolveConfig } from ${JSON.stringify(join(REPO_ROOT, 'harness/core/config.ts'))};
import { runScenarios } from ${JSON.stringify(join(REPO_ROOT, 'harness/record/runner.ts'))};
import { defineScenario } from ${JSON.stringify(join(REPO_ROOT, 'harness/scenario/define.ts'))};
const scenario = defineScenario({ id: 'never-runs', description: 'prism never starts', endpoint: 'GET /v1/models', run: async () => 1 });
const config = resolveConfig({ root: ${JSON.stringify(dir)}, mode: 'record', target: 'prism', specPath: ${JSON.stringify(spec)} }, {});
try {
  await runScenarios({ config, scenarios: [scenario], env: { FIELDWORK_PRISM_START_TIMEOUT_MS: '200' } });
  console.log('no error');
} catch (error) {
  console.log((error as { code?: string }).code + ' ' + (error as Error).message.split('\\n')[0]);
}
`,
    );
    const started = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'bin/run-ts.mjs'), script], { cwd: REPO_ROOT, timeout: 30_000 });
    expect(stdout.trim()).toBe('E_TARGET prism did not start within 200 ms (its process group was killed).');
    // tsx and the imports take a few seconds on a busy machine; the old leak took minutes.
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 40_000);
});
