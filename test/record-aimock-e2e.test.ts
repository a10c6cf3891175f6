import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runScenarios, type RunSummary } from '../harness/record/runner.ts';
import { snapshotDir, startServer, tempDir, testConfig, type TestServer } from './record-helpers.ts';

// The acceptance path: record the six core scenarios against aimock (started and stopped by the
// runner) with sentinel credentials, then replay them offline against a server that counts
// every connection, and compare what the scenarios returned.
const SCENARIOS = ['chat-basic', 'chat-stream-usage', 'responses-stream', 'embeddings', 'files-upload', 'audio-speech'];
const SENTINELS = {
  OPENAI_API_KEY: 'sk-fieldwork-SENTINEL-KEY-9f3a1c',
  OPENAI_ORG_ID: 'org-fieldwork-SENTINEL-ORG-77d2',
  OPENAI_PROJECT_ID: 'proj_fieldwork-SENTINEL-PROJECT-41b8',
};

describe('record 6 scenarios against aimock, replay them offline', () => {
  const dir = tempDir();
  let recorded: RunSummary;
  let replayed: RunSummary;
  let counter: TestServer;

  const printed: string[] = [];

  beforeAll(async () => {
    // Everything printed while recording is kept for the secret scan below (Polly's logger would
    // print request headers to the console; the session silences it, and this checks that). Variants run three at a time, each with its own Polly instance.
    const capture = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(capture)),
      vi.spyOn(process.stdout, 'write').mockImplementation((c) => (capture(c), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((c) => (capture(c), true)),
    ];
    try {
      recorded = await runScenarios({
        config: testConfig(dir, { mode: 'record', target: 'aimock', concurrency: 3 }),
        globs: SCENARIOS,
        env: SENTINELS,
      });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    // aimock is stopped by now; replay points the client at a counting server to prove lockdown.
    counter = await startServer();
    replayed = await runScenarios({
      config: testConfig(dir, { mode: 'replay', target: 'aimock', baseUrl: `${counter.url}/v1`, concurrency: 3 }),
      globs: SCENARIOS,
    });
  });
  afterAll(() => counter?.close());

  it('records every variant', () => {
    expect(recorded.results.map((r) => [r.name, r.status, r.message])).toEqual(
      recorded.results.map((r) => [r.name, 'recorded', undefined]),
    );
    expect(recorded.results.map((r) => r.scenarioId).sort()).toEqual([...SCENARIOS].sort());
    for (const r of recorded.results) expect(existsSync(r.file), r.file).toBe(true);
    expect(recorded.results[0]?.file.startsWith(join(dir, 'aimock'))).toBe(true);
  });

  it('replays every variant with the same results and zero requests to any server', () => {
    expect(replayed.failed).toBe(0);
    expect(replayed.replayed).toBe(SCENARIOS.length);
    expect(replayed.results.map((r) => r.value)).toEqual(recorded.results.map((r) => r.value));
    expect(replayed.results.every((r) => r.networkRequests === 0)).toBe(true);
    expect(counter.connections).toBe(0);
    expect(counter.requests).toBe(0);
  });

  it('returns meaningful values (not just equal empties)', () => {
    const byId = Object.fromEntries(recorded.results.map((r) => [r.scenarioId, r.value as Record<string, unknown>]));
    expect(byId['chat-basic']?.['content']).toContain('Hello from aimock');
    expect(byId['chat-stream-usage']?.['usage']).toBeTruthy();
    expect(byId['responses-stream']?.['types']).toContain('response.completed');
    expect(byId['embeddings']?.['count']).toBe(2);
    expect(byId['files-upload']?.['text']).toBe('fieldwork transcribed this');
    expect(byId['audio-speech']?.['length']).toBe(128);
  });

  it('writes no sentinel secret anywhere under the recordings directory', () => {
    const files = snapshotDir(dir);
    expect(files.size).toBe(SCENARIOS.length);
    for (const [file, bytes] of files) {
      const text = bytes.toString('utf8');
      for (const secret of Object.values(SENTINELS)) {
        expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
        expect(text.includes(Buffer.from(secret).toString('base64')), `base64 ${secret} in ${file}`).toBe(false);
      }
      expect(text).toContain('[REDACTED]');
    }
    for (const secret of Object.values(SENTINELS)) expect(printed.join('\n')).not.toContain(secret);
  });

  it('stores the log-level metadata readers rely on', async () => {
    const file = recorded.results.find((r) => r.scenarioId === 'chat-stream-usage')?.file as string;
    const har = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8'));
    expect(har.log._fieldwork).toMatchObject({
      provider: 'aimock',
      scenario: 'chat-stream-usage',
      variant: 'model=gpt-4o-mini',
      params: { model: 'gpt-4o-mini' },
      sdkVersion: expect.any(String),
      fieldworkVersion: expect.any(String),
    });
    expect(har.log._fieldwork.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const entry = har.log.entries[0];
    const bytes = entry._chunks.reduce((n: number, c: { bytes: number }) => n + c.bytes, 0);
    expect(bytes).toBe(Buffer.byteLength(entry.response.content.text, 'utf8'));
    const offsets = entry._chunks.map((c: { offsetMs: number }) => c.offsetMs);
    expect(offsets).toEqual([...offsets].sort((a: number, b: number) => a - b));
  });
});
