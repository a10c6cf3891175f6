import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../harness/cli/main.ts';
import type { Finding } from '../harness/core/finding.ts';
import type { Report } from '../harness/core/report.ts';
import { listInputs, readInputs } from '../harness/read/index.ts';
import { analyzeInputs } from '../harness/map/index.ts';
import { analyzeReadResult, createMapContext } from '../harness/map/analyze-exchange.ts';
import { finalizeReport } from '../harness/map/finalize.ts';
import { makeExchange } from '../harness/map/testing.ts';
import { loadSpec, type LoadedSpec } from '../harness/spec/index.ts';
import { CORPUS_DIR, hasShared, SPEC_PATH } from './support/shared.ts';

// The whole shared corpus through the real readers and the real spec: the ground truth.
describe.skipIf(!hasShared)('fieldwork analyze over ../shared/corpus', () => {
  let spec: LoadedSpec;
  let report: Report;

  beforeAll(async () => {
    spec = await loadSpec(SPEC_PATH);
    report = await analyzeInputs([CORPUS_DIR], spec);
  }, 120_000);

  const undocumented = (operation: string, path: string): number =>
    (report.findingGroups ?? []).filter((g) => g.kind === 'undocumented-field' && g.operation === operation && g.path === path).reduce((n, g) => n + g.count, 0);

  it('reads the whole corpus', () => {
    expect(report.summary.files).toBe(867);
    expect(report.summary.exchanges).toBeGreaterThan(1600);
    expect(report.summary.events).toBeGreaterThan(10_000);
    expect(report.version).toBe(1);
  });

  it('reports `obfuscation` on Responses delta events as undocumented', () => {
    expect(undocumented('POST /responses', 'obfuscation')).toBeGreaterThan(100);
    const deltaGroups = report.observations.filter((g) => g.operation === 'POST /responses' && g.event?.endsWith('.delta'));
    const withObfuscation = deltaGroups.filter((g) => g.fields.some((f) => f.path === 'obfuscation' && !f.documented));
    expect(withObfuscation.map((g) => g.event)).toContain('response.output_text.delta');
  });

  it.each(['permission', 'root', 'parent'])('reports `%s` on old /models items as undocumented', (field) => {
    expect(undocumented('GET /models', `data[].${field}`)).toBeGreaterThan(0);
  });

  it.each(['system_fingerprint', 'service_tier', 'refusal', 'annotations', 'prompt_tokens_details'])('never reports documented `%s` as undocumented', (field) => {
    const wrong = (report.findingGroups ?? []).filter((g) => g.kind === 'undocumented-field' && g.path.split('.').pop() === field);
    expect(wrong).toEqual([]);
    const seen = report.observations.flatMap((g) => g.fields.filter((f) => f.path.split('.').pop() === field));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((f) => f.documented)).toBe(true);
  });

  it('reports `finish_details` on an old chat response as undocumented (the corpus has none, so hand-made)', () => {
    const ex = makeExchange({
      url: 'https://api.openai.com/v1/chat/completions',
      body: {
        id: 'chatcmpl-8', object: 'chat.completion', created: 1699999999, model: 'gpt-4-1106-vision-preview',
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        choices: [{ message: { role: 'assistant', content: 'hi' }, finish_details: { type: 'stop', stop: '<|fim_suffix|>' }, index: 0 }],
      },
    });
    const ctx = createMapContext(spec);
    const r = finalizeReport(analyzeReadResult(ctx, { file: 'old.json', format: 'test', exchanges: [ex], errors: [] }), spec, ctx.views, []);
    expect(r.findings.filter((f) => f.kind === 'undocumented-field').map((f) => f.path)).toEqual(['choices[].finish_details']);
  });

  it('parses rate-limit headers, survives the hand-edited list value and checks remaining <= limit', () => {
    const limits = report.headers.rateLimits;
    expect(limits.some((r) => r.resource === 'requests' && r.consistent && r.resetMs !== null)).toBe(true);
    const edited = limits.filter((r) => r.rawReset?.includes('req_'));
    expect(edited.length).toBeGreaterThan(0);
    expect(edited.every((r) => !r.consistent && r.resetMs === null)).toBe(true);
    const resources = new Set(limits.map((r) => r.resource));
    expect(resources.has('tokens')).toBe(true);
  });

  it('catalogues headers per operation without printing secrets', () => {
    const chat = report.headers.operations['POST /chat/completions'] ?? [];
    expect(chat.map((h) => h.name)).toContain('openai-processing-ms');
    for (const h of Object.values(report.headers.operations).flat()) {
      if (['openai-organization', 'set-cookie', 'authorization', 'cookie'].includes(h.name)) expect(h.examples.every((e) => e === '[redacted]')).toBe(true);
    }
  });

  it('computes field coverage per group and overall', () => {
    const { overall, groups } = report.coverage;
    expect(overall.ratio).toBeGreaterThan(0);
    expect(overall.ratio).toBeLessThan(1);
    const chat = groups.find((g) => g.key === 'POST /chat/completions');
    expect(chat?.documented).toBeGreaterThan(20);
    expect(chat?.neverObserved.length).toBe((chat?.documented ?? 0) - (chat?.observed ?? 0));
  });

  it('reassembles streams and stores findings capped per group while counting all', () => {
    expect(report.streams.filter((s) => s.operation === 'POST /chat/completions' && s.text).length).toBeGreaterThan(10);
    expect(report.findingsCap).toBe(5);
    for (const g of report.findingGroups ?? []) expect(g.stored).toBeLessThanOrEqual(Math.min(5, g.count));
    expect(report.findings.length).toBeLessThan(report.summary.findings);
  });

  it('labels findings the same whatever the context analysed before (worker-safe)', async () => {
    const files: string[] = [];
    for await (const f of listInputs([join(CORPUS_DIR, 'DataDog__dd-trace-py'), join(CORPUS_DIR, 'vercel__ai'), join(CORPUS_DIR, 'openai__openai-python')])) files.push(f);
    const picked = files.filter((_, i) => i % 2 === 0);
    const shared = createMapContext(spec);
    const label = (fs: Finding[]) => fs.map((f) => `${f.kind}|${f.path}|${f.entry}|${f.event}|${f.schema}`).sort();
    const forward = new Map<string, string[]>();
    for await (const r of readInputs(picked)) forward.set(r.file, label(finalizeReport(analyzeReadResult(shared, r), spec, shared.views, []).findings));
    const reversed = createMapContext(spec);
    for await (const r of readInputs([...picked].reverse())) {
      expect(label(finalizeReport(analyzeReadResult(reversed, r), spec, reversed.views, []).findings), r.file).toEqual(forward.get(r.file));
    }
    expect(forward.size).toBeGreaterThan(30);
  }, 120_000);

  it('lists fields that only some models send (e.g. reasoning details)', () => {
    expect((report.modelSpecific ?? []).length).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasShared)('fieldwork analyze CLI', () => {
  // Made in beforeAll, not the describe body: vitest runs the body of a skipped describe but no hooks.
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fieldwork-analyze-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const input = join(CORPUS_DIR, 'DataDog__dd-trace-py');

  async function run(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      const code = await main(['analyze', input, '--spec', SPEC_PATH, '--root', root, ...args]);
      return { code, out };
    } finally {
      spy.mockRestore();
    }
  }

  it('--json prints exactly the report it writes, and nothing else', async () => {
    const { code, out } = await run(['--json']);
    expect(code).toBe(0);
    const written = readFileSync(join(root, 'reports/report.json'), 'utf8');
    expect(out).toBe(written);
    const report = JSON.parse(out) as Report;
    expect(report.summary.exchanges).toBeGreaterThan(50);
  }, 60_000);

  it('prints a summary and, with --by-provider, the conformance table', async () => {
    const { code, out } = await run(['--by-provider']);
    expect(code).toBe(0);
    expect(out).toMatch(/^analysed \d+ files/);
    expect(out).toContain('provider conformance');
    expect(out).toMatch(/openai: \d+ operations/);
  }, 60_000);

  it('reports a broken cassette as a read error naming the file and still analyses the rest', async () => {
    const bad = join(root, 'broken.har');
    writeFileSync(bad, '{"log": {"entries": [ {"request": ');
    const spec = await loadSpec(SPEC_PATH);
    const r = await analyzeInputs([bad, join(CORPUS_DIR, 'DataDog__dd-trace-py/tests__contrib__openai__cassettes__v1__model_alist.yaml')], spec);
    expect(r.summary.files).toBe(2);
    expect(r.summary.errors).toBeGreaterThan(0);
    expect(r.findings.find((f) => f.kind === 'read-error')?.file).toBe(bad);
    expect(r.summary.exchanges).toBe(1);
    expect(r.findings.some((f) => f.path === 'data[].permission')).toBe(true);
  });

  it('names the fix when there is nothing to analyse', async () => {
    let err = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
    try {
      expect(await main(['analyze', '--spec', SPEC_PATH, '--root', root])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err).toContain('fieldwork record');
  });
});
