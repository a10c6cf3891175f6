import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type FieldworkOptions } from '../harness/core/config.ts';
import { cassettePath } from '../harness/record/cassette-path.ts';
import { formatSummary } from '../harness/record/progress.ts';
import { runScenarios } from '../harness/record/runner.ts';
import { discoverScenarios } from '../harness/scenario/discover.ts';
import type { ScenarioDefinition } from '../harness/scenario/types.ts';
import { REPO_ROOT } from './support/shared.ts';

/**
 * The six acceptance scenarios are recorded against aimock only (prism has no recordings of them,
 * by design). They declare their targets, so a prism run skips them with a reason instead of
 * failing on a missing cassette, and never starts prism just to skip everything.
 */
const ACCEPTANCE = ['chat-basic', 'chat-stream-usage', 'responses-stream', 'embeddings', 'files-upload', 'audio-speech'];
const RECORDINGS = join(REPO_ROOT, 'recordings');

let scenarios: ScenarioDefinition[] = [];
beforeAll(async () => {
  scenarios = (await discoverScenarios(join(REPO_ROOT, 'scenarios'), ACCEPTANCE)).map((d) => d.scenario);
});

const config = (options: FieldworkOptions) => resolveConfig({ root: REPO_ROOT, recordingsDir: RECORDINGS, ...options }, {});

describe('acceptance scenarios and their targets', () => {
  it('declare aimock (with the live API and custom servers) but not prism, and aimock has their recordings', () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual([...ACCEPTANCE].sort());
    for (const s of scenarios) {
      expect(s.targets, s.id).toEqual(['aimock', 'openai', 'custom']);
      expect(existsSync(join(RECORDINGS, 'aimock', s.id)), s.id).toBe(true);
      expect(existsSync(join(RECORDINGS, 'prism', s.id)), s.id).toBe(false);
    }
  });

  it('replay offline from the aimock recordings', async () => {
    const summary = await runScenarios({ config: config({ mode: 'replay' }), scenarios });
    expect(summary.results.map((r) => `${r.name} ${r.status} ${r.message ?? ''}`.trim())).toEqual(summary.results.map((r) => `${r.name} replayed`));
    expect(summary.replayed).toBeGreaterThanOrEqual(ACCEPTANCE.length);
  });

  it.each(['replay', 'record'] as const)('%s --target prism skips each with its reason and starts nothing', async (mode) => {
    // A spec that does not exist: starting prism would throw E_SPEC_MISSING.
    const summary = await runScenarios({ config: config({ mode, target: 'prism', specPath: join(REPO_ROOT, 'no-such-spec.yaml') }), scenarios });
    expect(summary.failed).toBe(0);
    expect(summary.skipped).toBe(summary.results.length);
    for (const r of summary.results) {
      expect(r.message).toBe("target prism is not among the scenario's targets (aimock, openai, custom)");
      expect(existsSync(cassettePath(RECORDINGS, 'prism', r.name))).toBe(false);
    }
    const text = formatSummary(summary);
    expect(text).toMatch(/^SKIPPED (.+): target prism is not among the scenario's targets \(aimock, openai, custom\)\n/);
    for (const id of ACCEPTANCE) expect(text.split('\n')[0]).toContain(id);
    expect(text).toMatch(/0 recorded \/ 0 replayed \/ 6 skipped \/ 0 failed\n$/);
  });

  it('`fieldwork replay --target prism` exits 0 and says why they were skipped', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'bin/fieldwork.mjs'), 'replay', '--target', 'prism', ...ACCEPTANCE], {
      cwd: REPO_ROOT,
      env: { ...process.env, CI: '1' },
    });
    expect(stdout).toContain("SKIPPED audio-speech, chat-basic, chat-stream-usage, embeddings, files-upload, responses-stream: target prism is not among");
    expect(stdout).toContain('0 failed');
    expect(stderr).toContain("skipped  chat-basic/model=gpt-4o-mini: target prism is not among the scenario's targets");
  }, 30_000);
});
