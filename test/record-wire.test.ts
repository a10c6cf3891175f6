import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { toFile } from 'openai';
import type { FieldworkOptions } from '../harness/core/config.ts';
import { runScenarios, type VariantResult } from '../harness/record/runner.ts';
import { defineScenario } from '../harness/scenario/define.ts';
import type { ScenarioDefinition } from '../harness/scenario/types.ts';
import { readBody, startServer, tempDir, testConfig, type TestServer } from './record-helpers.ts';

// Wire-level behaviour against a hand-written loopback server: what exactly lands in the HAR and
// what exactly comes back on replay.
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const BINARY = Buffer.from([0xff, 0xfb, 0x90, 0x00, 0xc3, 0x28, 0x80, 0xfe, 0x00, 0x01, 0x02, 0xff]);
const SSE_EVENTS = ['{"i":0,"t":"héllo"}', '{"i":1,"t":"wörld"}', '{"i":2,"t":"✓"}'];
let attempts429 = 0;

async function handler(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
  const body = await readBody(req);
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  switch (path) {
    case '/v1/gzip': {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ object: 'gzip-test', text: 'readable after decoding' })));
      return;
    }
    case '/v1/files':
    case '/v1/audio/transcriptions':
    case '/v1/echo': {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'session=SECRET-COOKIE' });
      res.end(JSON.stringify({ sha256: sha(body), length: body.length, contentType: req.headers['content-type'] }));
      return;
    }
    case '/v1/binary': {
      res.writeHead(200, { 'content-type': 'audio/mpeg' });
      res.end(BINARY);
      return;
    }
    case '/v1/sse': {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const data of SSE_EVENTS) {
        res.write(`data: ${data}\n\n`);
        await new Promise((r) => setTimeout(r, 60));
      }
      res.end('data: [DONE]\n\n');
      return;
    }
    case '/v1/drop': {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"half":true}\n\n');
      setTimeout(() => res.destroy(), 30);
      return;
    }
    case '/v1/fail': {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }));
      return;
    }
    case '/v1/limited': {
      attempts429++;
      if (attempts429 === 1) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify({ error: { message: 'slow down', type: 'rate_limit' } }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, attempt: attempts429 }));
      }
      return;
    }
    default:
      res.writeHead(404).end();
  }
}

const raw = async (response: Response): Promise<{ status: number; sha256: string; text: string }> => {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, sha256: sha(bytes), text: Buffer.from(bytes).toString('latin1') };
};

const scenarios: ScenarioDefinition[] = [
  defineScenario({
    id: 'wire-gzip',
    description: 'gzip-encoded JSON',
    endpoint: 'GET /v1/gzip',
    run: async ({ client }) => client.get('/gzip'),
  }),
  defineScenario({
    id: 'wire-multipart',
    description: 'files.create and transcriptions multipart bodies, echoed by hash',
    endpoint: ['POST /v1/files', 'POST /v1/audio/transcriptions'],
    run: async ({ client }) => {
      const jsonl = await client.files.create({ file: await toFile(Buffer.from('{"a":1}\n'), 'a.jsonl'), purpose: 'fine-tune' });
      const audio = await client.audio.transcriptions.create({ file: await toFile(BINARY, 'a.mp3', { type: 'audio/mpeg' }), model: 'whisper-1' });
      return { jsonl, audio };
    },
  }),
  defineScenario({
    id: 'wire-binary',
    description: 'binary response through the SDK and through global fetch',
    endpoint: 'GET /v1/binary',
    run: async ({ client, baseURL }) => {
      const viaSdk = await raw(await client.get('/binary', { __binaryResponse: true } as never));
      const viaGlobal = await raw(await fetch(`${baseURL}/binary`));
      return { viaSdk: viaSdk.sha256, viaGlobal: viaGlobal.sha256 };
    },
  }),
  defineScenario({
    id: 'wire-sse',
    description: 'slow SSE stream with timing',
    endpoint: 'GET /v1/sse',
    run: async ({ fetch, baseURL }) => {
      const response = await fetch(`${baseURL}/sse`);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const started = performance.now();
      const arrivals: number[] = [];
      const parts: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arrivals.push(performance.now() - started);
        parts.push(value);
      }
      return { body: Buffer.concat(parts).toString('utf8'), reads: arrivals.length, spanMs: Math.round((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)) };
    },
  }),
  defineScenario({
    id: 'wire-error',
    description: 'a 503 is recorded and replayed as a 503',
    endpoint: 'GET /v1/fail',
    run: async ({ fetch, baseURL }) => {
      const response = await fetch(`${baseURL}/fail`);
      return { status: response.status, body: await response.text() };
    },
  }),
];

describe('recorder on the wire', () => {
  let server: TestServer;
  const dir = tempDir();
  const results = new Map<string, { rec: VariantResult; rep: VariantResult }>();
  let paced: VariantResult | undefined;
  const config = (extra: FieldworkOptions) => testConfig(dir, { baseUrl: `${server.url}/v1`, ...extra });

  beforeAll(async () => {
    server = await startServer((req, res) => void handler(req, res));
    const rec = await runScenarios({ config: config({ mode: 'record' }), scenarios });
    const before = server.requests;
    const rep = await runScenarios({ config: config({ mode: 'replay' }), scenarios });
    expect(server.requests).toBe(before);
    rec.results.forEach((r, i) => results.set(r.scenarioId, { rec: r, rep: rep.results[i] as VariantResult }));
    paced = (await runScenarios({ config: config({ mode: 'replay', pace: 'recorded' }), scenarios: scenarios.filter((s) => s.id === 'wire-sse') })).results[0];
  });
  afterAll(() => server?.close());

  const har = (id: string) => JSON.parse(readFileSync(results.get(id)?.rec.file as string, 'utf8'));

  it.each(scenarios.map((s) => s.id))('%s records and replays the same value', (id) => {
    const r = results.get(id);
    expect(r?.rec.status, r?.rec.message).toBe('recorded');
    expect(r?.rep.status, r?.rep.message).toBe('replayed');
    expect(r?.rep.value).toEqual(r?.rec.value);
  });

  it('stores a gzip-encoded response as readable text, without content-encoding', () => {
    const entry = har('wire-gzip').log.entries[0];
    expect(entry.response.content.text).toBe('{"object":"gzip-test","text":"readable after decoding"}');
    expect(entry.response.content.encoding).toBeUndefined();
    expect(entry._decoded).toBe('gzip');
    expect(entry.response.headers.map((h: { name: string }) => h.name)).not.toContain('content-encoding');
    expect(results.get('wire-gzip')?.rep.value).toEqual({ object: 'gzip-test', text: 'readable after decoding' });
  });

  it('sends multipart bodies byte for byte and stores them (binary as base64)', () => {
    const value = results.get('wire-multipart')?.rec.value as { jsonl: { sha256: string; contentType: string }; audio: { sha256: string } };
    expect(value.jsonl.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const [jsonl, audio] = har('wire-multipart').log.entries;
    const bytes = (pd: { text: string; _encoding?: string }) => Buffer.from(pd.text, pd._encoding === 'base64' ? 'base64' : 'utf8');
    expect(sha(bytes(jsonl.request.postData))).toBe(value.jsonl.sha256);
    expect(audio.request.postData._encoding).toBe('base64');
    expect(sha(bytes(audio.request.postData))).toBe(value.audio.sha256);
  });

  it('stores binary responses as base64 and replays them byte for byte, also via global fetch', () => {
    const entry = har('wire-binary').log.entries[0];
    expect(entry.response.content.encoding).toBe('base64');
    expect(Buffer.from(entry.response.content.text, 'base64').equals(BINARY)).toBe(true);
    expect(har('wire-binary').log.entries).toHaveLength(2);
    expect(results.get('wire-binary')?.rep.value).toEqual({ viaSdk: sha(BINARY), viaGlobal: sha(BINARY) });
  });

  it('records SSE chunk offsets and paces replay with them', () => {
    const entry = har('wire-sse').log.entries[0];
    const expected = `${SSE_EVENTS.map((d) => `data: ${d}\n\n`).join('')}data: [DONE]\n\n`;
    expect(entry.response.content.text).toBe(expected);
    const chunks = entry._chunks as { offsetMs: number; bytes: number }[];
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.reduce((n, c) => n + c.bytes, 0)).toBe(Buffer.byteLength(expected));
    expect((chunks.at(-1)?.offsetMs ?? 0) - (chunks[0]?.offsetMs ?? 0)).toBeGreaterThanOrEqual(150);
    const unpaced = results.get('wire-sse')?.rep.value as { reads: number; spanMs: number; body: string };
    const pacedValue = paced?.value as { reads: number; spanMs: number; body: string };
    expect(unpaced.reads).toBe(1);
    expect(pacedValue.body).toBe(expected);
    expect(pacedValue.reads).toBe(chunks.length);
    expect(pacedValue.spanMs).toBeGreaterThanOrEqual(120);
  });

  it('records error responses (Polly refuses them by default)', () => {
    expect(har('wire-error').log.entries[0].response.status).toBe(503);
    expect(results.get('wire-error')?.rep.value).toMatchObject({ status: 503 });
  });

  it('redacts set-cookie and drops parsed cookies', () => {
    const entry = har('wire-multipart').log.entries[0];
    expect(entry.response.headers.find((h: { name: string }) => h.name === 'set-cookie').value).toBe('[REDACTED]');
    expect(JSON.stringify(har('wire-multipart'))).not.toContain('SECRET-COOKIE');
  });

  it('never turns a half-received stream into a cassette', async () => {
    const drop = defineScenario({
      id: 'wire-drop',
      description: 'server dies mid-stream',
      endpoint: 'GET /v1/drop',
      run: async ({ fetch, baseURL }) => (await fetch(`${baseURL}/drop`)).text(),
    });
    const summary = await runScenarios({ config: config({ mode: 'record' }), scenarios: [drop] });
    expect(summary.results[0]?.status).toBe('failed');
    expect(summary.results[0]?.message).toMatch(/closed before the response body was complete/);
    expect(existsSync(summary.results[0]?.file as string)).toBe(false);
  });

  it('with retries configured, keeps only the final attempt so replay (no retries) succeeds', async () => {
    const limited = defineScenario({
      id: 'wire-retry',
      description: '429 with Retry-After, then success',
      endpoint: 'GET /v1/limited',
      run: async ({ client }) => client.get('/limited'),
    });
    attempts429 = 0;
    const rec = await runScenarios({ config: config({ mode: 'record', retries: 2 }), scenarios: [limited] });
    expect(rec.results[0]?.status, rec.results[0]?.message).toBe('recorded');
    expect(attempts429).toBe(2);
    const entries = JSON.parse(readFileSync(rec.results[0]?.file as string, 'utf8')).log.entries;
    expect(entries.map((e: { response: { status: number }; _order: number }) => [e.response.status, e._order])).toEqual([[200, 0]]);
    const rep = await runScenarios({ config: config({ mode: 'replay' }), scenarios: [limited] });
    expect(rep.results[0]?.status, rep.results[0]?.message).toBe('replayed');
    expect(rep.results[0]?.value).toEqual({ ok: true, attempt: 2 });
  });
});
