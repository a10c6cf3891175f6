import { stat } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { FieldworkError } from '../../core/errors.ts';
import { listInputs } from '../../read/index.ts';

/**
 * Below these sizes the pool does not pay for itself. Measured on the shared corpus (2 cores):
 * two workers take ~0.5 s more to get going than one thread (start-up, and each JIT-compiling the
 * same code cold), and then run ~1.5x as fast, so they break even at about eight passes over the
 * corpus: 5 passes took 3.6-3.7 s on one thread and 4.05 s on two, 10 passes 6.1 s and 5.8-5.9 s,
 * 100 passes 50 s and 33 s.
 */
export const AUTO_MIN_FILES = 7_000;
export const AUTO_MIN_BYTES = 230 * 1024 * 1024;
/** `auto` never starts more workers than this (the per-file step is small; merging is serial). */
export const AUTO_MAX_WORKERS = 4;
/**
 * Default old-generation cap per worker (MB). A worker's live data is the spec, its validators and
 * one file, well under this; the cap keeps V8 from growing the heap lazily, so peak RSS stays flat
 * with corpus size. A file that needs more is retried on an uncapped worker (see pool.ts).
 */
export const DEFAULT_WORKER_HEAP_MB = 160;

/** Parses `--workers`: `'auto'` (also for no value) or a positive integer. */
export function parseWorkers(value: string | undefined): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new FieldworkError('E_WORKERS', `--workers must be "auto" or a whole number >= 1, not "${value}".`);
  return n;
}

/** Whether `inputs` hold more than `minFiles` files or `minBytes` bytes (stops counting early). */
export async function bigEnoughForThreads(inputs: readonly string[], minFiles = AUTO_MIN_FILES, minBytes = AUTO_MIN_BYTES): Promise<boolean> {
  let files = 0;
  let bytes = 0;
  for await (const file of listInputs(inputs)) {
    files++;
    bytes += (await stat(file).catch(() => null))?.size ?? 0;
    if (files > minFiles || bytes > minBytes) return true;
  }
  return false;
}

/**
 * How many cores other work keeps busy right now, sampled over `ms` from the kernel's per-core
 * counters. Not the load average: that is a minute's memory, so a run started right after
 * another (a benchmark, a CI step) would see the finished one's load and wrongly stay on one thread.
 */
export async function busyCores(ms = 100): Promise<number> {
  const total = (t: { user: number; nice: number; sys: number; idle: number; irq: number }): number => t.user + t.nice + t.sys + t.idle + t.irq;
  const before = cpus();
  await sleep(ms);
  const after = cpus();
  let busy = 0;
  let all = 0;
  after.forEach((core, i) => {
    const was = before[i];
    if (!was) return;
    const elapsed = total(core.times) - total(was.times);
    all += elapsed;
    busy += elapsed - (core.times.idle - was.times.idle);
  });
  return all > 0 ? (busy / all) * after.length : 0;
}

/**
 * Worker threads for `fieldwork analyze --workers <n|auto>`: a number is taken as given (1 = the
 * single-threaded path); `auto` uses min(cores, 4) workers when the inputs are big enough for
 * threads to pay off, but no more than the cores that are idle now (`busyCores`, or `load` when
 * given): on a busy machine extra threads only add their start-up cost. Fewer than 2 means
 * single-threaded.
 */
export async function planWorkers(requested: number | 'auto', inputs: readonly string[], cores: number = availableParallelism(), load?: number): Promise<number> {
  if (requested !== 'auto') return requested;
  if (Math.min(cores, AUTO_MAX_WORKERS) < 2 || !(await bigEnoughForThreads(inputs))) return 1;
  const idle = Math.floor(cores - (load ?? (await busyCores())) + 0.5);
  const workers = Math.min(cores, AUTO_MAX_WORKERS, idle);
  return workers < 2 ? 1 : workers;
}
