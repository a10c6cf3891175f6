import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../harness/cli/main.ts';
import { AUTO_MAX_WORKERS, bigEnoughForThreads, busyCores, parseWorkers, planWorkers } from '../harness/map/parallel/index.ts';
import { CORPUS_DIR, hasShared, SPEC_PATH } from './support/shared.ts';

// `fieldwork analyze --workers <n|auto>`: the worker pool behind the CLI gives the same report.

async function quietly(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('--workers parsing and the auto plan', () => {
  it.each([
    ['auto', 'auto'],
    [undefined, 'auto'],
    ['1', 1],
    ['3', 3],
  ] as const)('parses %s as %s', (text, want) => {
    expect(parseWorkers(text)).toBe(want);
  });

  it.each(['0', '-2', '1.5', 'many', ''])('rejects %j with a message naming the flag', (text) => {
    expect(() => parseWorkers(text)).toThrow(/--workers must be "auto"/);
  });

  it.each([
    { requested: 1, cores: 8, load: 0, want: 1 },
    { requested: 3, cores: 1, load: 5, want: 3 },
    { requested: 'auto', cores: 1, load: 0, want: 1 },
    { requested: 'auto', cores: 2, load: 1.8, want: 1 },
  ] as const)('takes an explicit count as given; auto never threads without 2 idle cores: %o', async ({ requested, cores, load, want }) => {
    expect(await planWorkers(requested, [CORPUS_DIR], cores, load)).toBe(want);
  });
});

describe('busyCores', () => {
  it('sees a core kept busy while it samples, and never more cores than the machine has', async () => {
    // A worker thread spins for longer than the sample; the kernel counts that core as busy.
    const spin = new Worker('const end = Date.now() + 600; while (Date.now() < end);', { eval: true });
    try {
      await new Promise((resolve) => spin.once('online', resolve));
      const busy = await busyCores(300);
      expect(busy).toBeGreaterThanOrEqual(0.5);
      expect(busy).toBeLessThanOrEqual(availableParallelism() + 0.01);
    } finally {
      await spin.terminate();
    }
  });
});

describe.skipIf(!hasShared)('--workers auto over real inputs', () => {
  const small = join(CORPUS_DIR, 'DataDog__dd-trace-py', 'tests__contrib__openai__cassettes__v1__model_alist.yaml');

  it('stays single-threaded for a few files and uses min(idle cores, 4) workers for a few corpus passes', async () => {
    const big = Array.from({ length: 12 }, () => CORPUS_DIR); // 12 passes: over AUTO_MIN_FILES
    expect(await planWorkers('auto', [small], 8, 0)).toBe(1);
    expect(await planWorkers('auto', big, 2, 0)).toBe(2);
    expect(await planWorkers('auto', big, 16, 0)).toBe(AUTO_MAX_WORKERS);
    expect(await planWorkers('auto', big, 16, 13)).toBe(3);
  });

  it.each([
    { name: 'file count', minFiles: 3, minBytes: Number.MAX_SAFE_INTEGER, want: true },
    { name: 'bytes', minFiles: Number.MAX_SAFE_INTEGER, minBytes: 1000, want: true },
    { name: 'neither', minFiles: 10, minBytes: 10_000_000, want: false },
  ])('sizes the inputs by $name', async ({ minFiles, minBytes, want }) => {
    expect(await bigEnoughForThreads([small, small, small, small], minFiles, minBytes)).toBe(want);
  });
});

describe.skipIf(!hasShared)('fieldwork analyze --workers', () => {
  // Made in beforeAll, not the describe body: vitest runs the body of a skipped describe but no hooks.
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fieldwork-analyze-workers-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const input = join(CORPUS_DIR, 'DataDog__dd-trace-py');

  async function report(workers: string, extra: string[] = []): Promise<Record<string, unknown>> {
    const out = join(root, `report-${workers}.json`);
    const { code, err } = await quietly(['analyze', input, '--spec', SPEC_PATH, '--root', root, '--workers', workers, '--out', out, ...extra]);
    expect(code, err).toBe(0);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    delete parsed['generatedAt'];
    return parsed;
  }

  it('writes the same report single-threaded and on 2 workers (bounded heaps)', async () => {
    const one = await report('1');
    const two = await report('2');
    expect((one['summary'] as { exchanges: number }).exchanges).toBeGreaterThan(50);
    expect(two).toEqual(one);
  }, 120_000);

  it.each([
    ['--workers', 'none', /--workers must be "auto"/],
    ['--worker-heap-mb', '4', /--worker-heap-mb must be a whole number >= 16/],
  ])('rejects %s %s with exit code 2 and a message naming the flag', async (flag, value, message) => {
    writeFileSync(join(root, 'x.har'), '{}');
    const { code, err } = await quietly(['analyze', join(root, 'x.har'), '--spec', SPEC_PATH, '--root', root, flag, value]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
