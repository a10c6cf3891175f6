import { LLMock } from '@copilotkit/aimock';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FieldworkOptions } from '../harness/core/config.ts';
import { readFile } from '../harness/read/index.ts';
import { runScenarios, type VariantResult } from '../harness/record/runner.ts';
import { defineScenario } from '../harness/scenario/define.ts';
import type { ScenarioDefinition } from '../harness/scenario/types.ts';
import { snapshotDir, tempDir, testConfig } from './record-helpers.ts';

/**
 * Faults while recording, injected by aimock's chaos options (500 drop, malformed JSON, 429 with
 * Retry-After, disconnects) and its mid-stream truncation, through the official SDK and the real
 * recorder. What must hold: retries happen only when config.retries asks for them and wait for
 * Retry-After; otherwise the fault is recorded as it happened; a half-received response never
 * becomes a cassette that replays as a success; committed cassettes are never lost.
 */
const CHAOS = {
  drop: { 'x-aimock-chaos-drop': '1' },
  malformed: { 'x-aimock-chaos-malformed': '1' },
  rateLimit: { 'x-aimock-chaos-ratelimit': '1' },
  disconnect: { 'x-aimock-chaos-disconnect': '1' },
} as const;

type Fault = keyof typeof CHAOS | 'none';

let mock: LLMock;
let recordings: string;

function config(options: FieldworkOptions) {
  return testConfig(recordings, { target: 'custom', baseUrl: `${mock.url}/v1`, ...options });
}

/** Chat requests aimock received (chaos-faulted ones included), in arrival order. */
const chatRequests = () => mock.getRequests().filter((r) => r.path === '/v1/chat/completions');

/** A one-call chat scenario; `catchErrors` makes it return the SDK error instead of throwing. */
function chat(id: string, fault: () => Fault, options: { stream?: boolean; prompt?: string; catchErrors?: boolean } = {}): ScenarioDefinition {
  return defineScenario({
    id,
    description: `chat under fault`,
    endpoint: 'POST /v1/chat/completions',
    run: async ({ client }) => {
      const f = fault();
      const headers = f === 'none' ? {} : CHAOS[f];
      const body = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: options.prompt ?? 'hello' }] };
      try {
        if (options.stream) {
          const stream = await client.chat.completions.create({ ...body, stream: true }, { headers });
          let text = '';
          for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
          return { ok: true, text };
        }
        const completion = await client.chat.completions.create(body, { headers });
        return { ok: true, text: completion.choices[0]?.message.content };
      } catch (error) {
        if (!options.catchErrors) throw error;
        return { ok: false, error: (error as Error).constructor.name, status: (error as { status?: number }).status ?? null };
      }
    },
  });
}

async function record(scenario: ScenarioDefinition, options: FieldworkOptions = {}): Promise<VariantResult> {
  const summary = await runScenarios({ config: config({ mode: 'record', ...options }), scenarios: [scenario] });
  return summary.results[0]!;
}

async function replay(scenario: ScenarioDefinition): Promise<VariantResult> {
  const summary = await runScenarios({ config: config({ mode: 'replay' }), scenarios: [scenario] });
  return summary.results[0]!;
}

interface HarEntry {
  response: { status: number; headers: Array<{ name: string; value: string }>; content: { text?: string } };
}
const entries = (file: string): HarEntry[] => (JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: HarEntry[] } }).log.entries;
const header = (entry: HarEntry, name: string) => entry.response.headers.find((h) => h.name.toLowerCase() === name)?.value;

beforeAll(async () => {
  recordings = tempDir('fieldwork-faults-');
  mock = new LLMock({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  mock.onMessage('hello', { content: 'Hello from aimock.' });
  // 12 chunks of 4 characters; the connection is cut after the third.
  mock.onMessage('cut', { content: 'This answer is cut off long before it ends.' }, { chunkSize: 4, truncateAfterChunks: 3 });
  await mock.start();
});
afterAll(async () => {
  await mock.stop();
  rmSync(recordings, { recursive: true, force: true });
});
beforeEach(() => mock.clearRequests());

describe('faults while recording (aimock chaos)', () => {
  it.each([
    { fault: 'drop' as const, status: 500, error: 'InternalServerError' },
    { fault: 'rateLimit' as const, status: 429, error: 'RateLimitError' },
  ])('without retries a $status is sent once and recorded as it happened; replay gives it back', async ({ fault, status, error }) => {
    const scenario = chat(`fault-${fault.toLowerCase()}-once`, () => fault, { catchErrors: true });
    const rec = await record(scenario, { retries: 0 });
    expect(rec.status, rec.message).toBe('recorded');
    expect(chatRequests()).toHaveLength(1);
    expect(rec.value).toEqual({ ok: false, error, status });
    const [entry, ...rest] = entries(rec.file);
    expect(rest).toEqual([]);
    expect(entry?.response.status).toBe(status);
    expect(entry?.response.content.text).toContain(fault === 'drop' ? 'chaos_drop' : 'chaos_ratelimit');
    if (status === 429) expect(header(entry!, 'retry-after')).toBe('1');
    mock.clearRequests();
    const rep = await replay(scenario);
    expect(rep.status, rep.message).toBe('replayed');
    expect(rep.networkRequests).toBe(0);
    expect(rep.value).toEqual(rec.value);
    expect(chatRequests()).toHaveLength(0);
  });

  it('with retries configured, a 429 is retried after its Retry-After (1 s) and only the final attempt is kept', async () => {
    const scenario = chat('fault-ratelimit-retried', () => 'rateLimit', { catchErrors: true });
    const rec = await record(scenario, { retries: 1 });
    const requests = chatRequests();
    expect(requests).toHaveLength(2);
    expect(requests[1]!.timestamp - requests[0]!.timestamp).toBeGreaterThanOrEqual(950);
    expect(rec.value).toEqual({ ok: false, error: 'RateLimitError', status: 429 });
    expect(entries(rec.file).map((e) => e.response.status)).toEqual([429]);
    const rep = await replay(scenario);
    expect(rep.value).toEqual(rec.value);
  });

  it('with retries configured, 500s are retried exactly config.retries times', async () => {
    const rec = await record(chat('fault-drop-retried', () => 'drop', { catchErrors: true }), { retries: 2 });
    expect(chatRequests()).toHaveLength(3);
    expect(entries(rec.file).map((e) => e.response.status)).toEqual([500]);
  });

  it('malformed JSON is recorded byte for byte and fails the same way on replay; the reader flags it', async () => {
    const scenario = chat('fault-malformed', () => 'malformed', { catchErrors: true });
    const rec = await record(scenario);
    expect(chatRequests()).toHaveLength(1);
    expect(rec.value).toMatchObject({ ok: false });
    const [entry] = entries(rec.file);
    expect(entry?.response.status).toBe(200);
    expect(entry?.response.content.text).toBe('{malformed json: <<<chaos>>>');
    const rep = await replay(scenario);
    expect(rep.value).toEqual(rec.value);
    // Never analysed as a valid JSON payload: the body stays text (or is an error on the entry).
    const read = await readFile(rec.file);
    const body = read.exchanges[0]?.response.body;
    expect(body?.kind === 'json' ? 'parsed as JSON' : 'not JSON').toBe('not JSON');
  });

  it('a scenario that does not handle a fault fails and writes no cassette', async () => {
    const rec = await record(chat('fault-unhandled', () => 'drop'));
    expect(rec.status).toBe('failed');
    expect(rec.message).toMatch(/500/);
    expect(existsSync(rec.file)).toBe(false);
  });

  it.each([
    { name: 'mid-stream truncation', prompt: 'cut', fault: 'none' as const, retries: 0, attempts: 1 },
    { name: 'disconnect before headers, retried', prompt: 'hello', fault: 'disconnect' as const, retries: 2, attempts: 3 },
  ])('$name: a half-received response never becomes a cassette that replays as a success', async ({ prompt, fault, retries, attempts }) => {
    for (const catchErrors of [false, true]) {
      mock.clearRequests();
      const scenario = chat(`fault-half-${fault}-${catchErrors ? 'caught' : 'thrown'}`, () => fault, { stream: true, prompt, catchErrors });
      const rec = await record(scenario, { retries });
      expect(chatRequests()).toHaveLength(attempts);
      expect(rec.status).toBe('failed');
      expect(rec.message).toMatch(/no response was received for POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: /i);
      const written = existsSync(rec.file) ? entries(rec.file) : [];
      expect(written.filter((e) => e.response.status === 200)).toEqual([]);
      const rep = await replay(scenario);
      expect(rep.status === 'replayed' && (rep.value as { ok?: boolean } | undefined)?.ok === true).toBe(false);
    }
  });

  // A connection error the scenario catches itself leaves no response to record: the variant is
  // failed (naming the request), not "recorded" with a cassette that cannot replay.
  it.each([
    { name: 'mid-stream cut', fault: 'none' as const, prompt: 'cut', stream: true },
    { name: 'disconnect before headers', fault: 'disconnect' as const, prompt: 'hello', stream: false },
  ])('a swallowed network fault ($name) is reported as failed, not as recorded', async ({ fault, prompt, stream }) => {
    const rec = await record(chat(`fault-swallowed-${fault}`, () => fault, { stream, prompt, catchErrors: true }));
    expect(rec.value).toBeUndefined();
    expect(rec.status).toBe('failed');
    expect(rec.message).toMatch(/^No response was received for POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: /);
    expect(rec.message).toMatch(/scenario caught the error/);
    expect(rec.networkRequests).toBe(1);
    expect(existsSync(rec.file)).toBe(false);
  });

  it('a swallowed fault after a good call fails the variant and keeps the old cassette byte-identical', async () => {
    let fault: Fault = 'none';
    const scenario = defineScenario({
      id: 'fault-swallowed-second',
      description: 'two calls, the second faulted and caught',
      endpoint: 'POST /v1/chat/completions',
      run: async ({ client }) => {
        const body = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hello' }] };
        const first = await client.chat.completions.create(body);
        const second = await client.chat.completions.create({ ...body, n: 1 }, { headers: fault === 'none' ? {} : CHAOS[fault] }).catch(() => null);
        return [first.choices[0]?.message.content, second?.choices[0]?.message.content ?? null];
      },
    });
    const good = await record(scenario);
    expect(good.status, good.message).toBe('recorded');
    const before = readFileSync(good.file);
    fault = 'disconnect';
    const bad = await record(scenario);
    expect(bad.status).toBe('failed');
    expect(bad.networkRequests).toBe(2);
    expect(readFileSync(bad.file).equals(before)).toBe(true);
  });

  it('a network fault that a retry recovers from does not fail the variant', async () => {
    // The SDK retries inside one create() with the same headers, so only the first attempt is
    // faulted, by a fetch wrapper around the recorded fetch.
    const flaky = defineScenario({
      id: 'fault-recovered',
      description: 'disconnect, then a successful retry',
      endpoint: 'POST /v1/chat/completions',
      run: async (ctx) => {
        let attempt = 0;
        const fetch: typeof globalThis.fetch = (input, init) => {
          const headers = new Headers(init?.headers);
          if (attempt++ === 0) headers.set('x-aimock-chaos-disconnect', '1');
          return ctx.fetch(input, { ...init, headers });
        };
        const client = ctx.client.withOptions({ fetch, maxRetries: 1 });
        const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] });
        return completion.choices[0]?.message.content;
      },
    });
    const rec = await record(flaky, { retries: 1 });
    expect(chatRequests()).toHaveLength(2);
    expect(rec.status, rec.message).toBe('recorded');
    expect(rec.value).toBe('Hello from aimock.');
    const rep = await replay(flaky);
    expect(rep.status, rep.message).toBe('replayed');
  });

  it('a failed re-record (fault mid-stream, disconnect, 500) leaves the committed cassettes byte-identical', async () => {
    let fault: Fault = 'none';
    const scenarios = (prompt: string) => ['a', 'b'].map((x) => chat(`fault-keep-${x}`, () => fault, { stream: true, prompt }));
    const first = await runScenarios({ config: config({ mode: 'record' }), scenarios: scenarios('hello') });
    expect(first.results.map((r) => r.status)).toEqual(['recorded', 'recorded']);
    const before = snapshotDir(recordings);
    for (const [nextFault, prompt] of [['disconnect', 'hello'], ['drop', 'hello'], ['none', 'cut']] as const) {
      fault = nextFault;
      for (const mode of ['record', 'new'] as const) {
        const again = await runScenarios({ config: config({ mode }), scenarios: scenarios(prompt) });
        if (mode === 'record') expect(again.results.map((r) => r.status)).toEqual(['failed', 'failed']);
        const after = snapshotDir(recordings);
        for (const r of first.results) expect(after.get(r.file)?.equals(before.get(r.file)!), `${r.file} after ${fault}/${mode}`).toBe(true);
        expect([...after.keys()].filter((f) => f.endsWith('.tmp'))).toEqual([]);
      }
    }
  });
});
