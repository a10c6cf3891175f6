import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, SPEC_PATH, hasShared } from '../../../test/support/shared.ts';
import { listInputs, readInputs } from '../../read/index.ts';
import { loadSpec } from '../../spec/index.ts';
import { emptyAggregate, mergeInto, type Aggregate } from '../aggregate.ts';
import { analyzeReadResult, createMapContext } from '../analyze-exchange.ts';
import { analyzeInParallel } from './pool.ts';

/** A plain, comparable rendering of an aggregate (Maps and Sets become objects and arrays). */
function plain(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (value instanceof Set) return [...value].map((v) => plain(v));
  if (Array.isArray(value)) return value.map((v) => plain(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const INPUTS = [join(CORPUS_DIR, 'DataDog__dd-trace-py'), join(CORPUS_DIR, 'vercel__ai'), join(CORPUS_DIR, 'openai__openai-python')];

describe.skipIf(!hasShared)('analyzeInParallel', () => {
  let cacheDir: string;
  let single: Aggregate;

  beforeAll(async () => {
    cacheDir = mkdtempSync(join(tmpdir(), 'fieldwork-pool-'));
    const spec = await loadSpec(SPEC_PATH, { cacheDir });
    const ctx = createMapContext(spec);
    single = emptyAggregate();
    for await (const result of readInputs(INPUTS)) mergeInto(single, analyzeReadResult(ctx, result));
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it.each([1, 2, 3])('gives exactly the single-threaded aggregate with %i worker(s)', async (workers) => {
    const order: string[] = [];
    const parallel = await analyzeInParallel(listInputs(INPUTS), {
      specPath: SPEC_PATH,
      cacheDir,
      read: {},
      map: {},
      workers,
      onFile: (file) => order.push(file),
    });
    expect(parallel.files).toBeGreaterThan(90);
    expect(plain(parallel)).toEqual(plain(single));
    const listed: string[] = [];
    for await (const file of listInputs(INPUTS)) listed.push(file);
    expect(order).toEqual(listed); // merged in input order, whatever finished first
  });

  it('gives the same aggregate with a per-worker heap cap', async () => {
    const capped = await analyzeInParallel(listInputs(INPUTS), { specPath: SPEC_PATH, cacheDir, read: {}, map: {}, workers: 2, workerHeapMb: 160 });
    expect(plain(capped)).toEqual(plain(single));
  });

  it('retries a file that outgrows the worker heap cap on an uncapped worker: same aggregate, no error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldwork-pool-big-'));
    try {
      // One HAR entry with a ~15 MB embeddings body: parsed, it needs far more than a 24 MB heap.
      const data = Array.from({ length: 4000 }, (_, i) => ({ object: 'embedding', index: i, embedding: Array.from({ length: 256 }, (_, j) => ((i * 31 + j) % 1000) / 1000 - 0.5) }));
      const text = JSON.stringify({ object: 'list', data, model: 'text-embedding-3-small', usage: { prompt_tokens: 1, total_tokens: 1 } });
      const entry = {
        startedDateTime: '2024-01-01T00:00:00.000Z',
        time: 1,
        request: { method: 'POST', url: 'https://api.openai.com/v1/embeddings', headers: [], postData: { mimeType: 'application/json', text: '{"model":"text-embedding-3-small","input":"x"}' } },
        response: { status: 200, statusText: 'OK', headers: [{ name: 'content-type', value: 'application/json' }], content: { mimeType: 'application/json', size: text.length, text } },
      };
      const big = join(dir, 'big.har');
      writeFileSync(big, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [entry] } }));
      const files = [join(INPUTS[0]!, 'tests__contrib__openai__cassettes__v1__model_alist.yaml'), big];
      const expected = emptyAggregate();
      const ctx = createMapContext(await loadSpec(SPEC_PATH, { cacheDir }));
      for await (const result of readInputs(files)) mergeInto(expected, analyzeReadResult(ctx, result));
      const retried: string[] = [];
      const capped = await analyzeInParallel(files, { specPath: SPEC_PATH, cacheDir, read: {}, map: {}, workers: 2, workerHeapMb: 24, onRetry: (f) => retried.push(f) });
      expect(retried).toEqual([big]);
      expect(capped.errors).toBe(0);
      expect(plain(capped)).toEqual(plain(expected));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('turns an unreadable or broken file into a read error naming it; the others are still analysed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldwork-pool-bad-'));
    try {
      writeFileSync(join(dir, 'a-broken.json'), '{"Entries": [');
      writeFileSync(join(dir, 'b-binary.bin'), Buffer.from([0xff, 0xfe, 0x00, 0x01]));
      const files = [join(dir, 'a-broken.json'), join(dir, 'missing.har'), join(dir, 'b-binary.bin'), join(INPUTS[0]!, 'tests__cassettes__openai__openai_completions_post_05ff41f7.json')];
      const agg = await analyzeInParallel(files, { specPath: SPEC_PATH, cacheDir, read: {}, map: {}, workers: 2 });
      expect(agg.files).toBe(4);
      expect(agg.errors).toBe(3);
      expect(agg.exchanges).toBe(1);
      const named = [...agg.findings.values()].flatMap((g) => g.stored).filter((f) => f.kind === 'read-error').map((f) => f.file);
      expect(named.sort()).toEqual(files.slice(0, 3).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // A worker adds a whole run of batches to one partial, so dying (or throwing) loses more than the
  // batch it was on: with 2-file batches and 8-batch runs, one worker has batches 0-1 in its
  // partial when batch 2 (files 4-5) breaks it, and those must be redone.
  it.each([
    { bad: 'CRASH.json', message: 'worker thread exited with code 3', workers: 2, batchFiles: 16, runBatches: 256 },
    { bad: 'CRASH.json', message: 'worker thread exited with code 3', workers: 1, batchFiles: 2, runBatches: 8 },
    { bad: 'CRASH.json', message: 'worker thread exited with code 3', workers: 2, batchFiles: 2, runBatches: 8 },
    { bad: 'THROW.json', message: 'analysis threw', workers: 2, batchFiles: 16, runBatches: 256 },
    { bad: 'THROW.json', message: 'analysis threw', workers: 1, batchFiles: 2, runBatches: 8 },
  ])('loses only the file that broke a worker ($bad, $workers worker(s), batches of $batchFiles, runs of $runBatches)', async ({ bad, message, ...sizes }) => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldwork-pool-crash-'));
    try {
      const listed: string[] = [];
      for await (const file of listInputs(INPUTS)) listed.push(file);
      const broken = join(dir, bad);
      writeFileSync(broken, '{}');
      // The breaking file sits in the middle of a batch, with good files on both sides.
      const files = [...listed.slice(0, 5), broken, ...listed.slice(5, 12)];
      const expected = emptyAggregate();
      const ctx = createMapContext(await loadSpec(SPEC_PATH, { cacheDir }));
      for await (const result of readInputs(listed.slice(0, 12))) mergeInto(expected, analyzeReadResult(ctx, result));
      const order: string[] = [];
      const workerEntry = new URL('../../../test/support/crashing-worker.mjs', import.meta.url);
      const agg = await analyzeInParallel(files, { specPath: SPEC_PATH, cacheDir, read: {}, map: {}, ...sizes, workerEntry, onFile: (f) => order.push(f) });
      expect(order).toEqual(files);
      expect(agg.files).toBe(13);
      expect(agg.errors).toBe(1);
      const [error] = [...agg.findings.values()].flatMap((g) => g.stored).filter((f) => f.kind === 'read-error');
      expect(error).toMatchObject({ file: broken, message: `analysis worker failed: ${message}` });
      // Everything else is exactly what the single-threaded run finds.
      const { findings: _f, errors: _e, files: _n, ...rest } = plain(agg) as Record<string, unknown>;
      const { findings: _f2, errors: _e2, files: _n2, ...want } = plain(expected) as Record<string, unknown>;
      expect(rest).toEqual(want);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  // Small batches and runs make many partials and steals; the result must not change.
  it.each([
    { workers: 2, batchFiles: 1, runBatches: 1 },
    { workers: 2, batchFiles: 3, runBatches: 4 },
    { workers: 3, batchFiles: 2, runBatches: 64 },
  ])('gives exactly the single-threaded aggregate with $workers workers, batches of $batchFiles, runs of $runBatches', async (sizes) => {
    const parallel = await analyzeInParallel(listInputs(INPUTS), { specPath: SPEC_PATH, cacheDir, read: {}, map: {}, ...sizes });
    expect(plain(parallel)).toEqual(plain(single));
  });

  it('fails with a clear error when workers cannot load the spec', async () => {
    await expect(analyzeInParallel(['x'], { specPath: join(tmpdir(), 'no-such-spec.yaml'), cacheDir: null, read: {}, map: {}, workers: 1 })).rejects.toThrow(
      /analysis worker could not start/,
    );
  });
});
