import { stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { FieldworkError } from '../../core/errors.ts';
import { listInputs } from '../../read/index.ts';

/**
 * Below these sizes the pool does not pay for itself. Measured on the shared corpus (2 cores):
 * each worker costs 1.5-2.5 s of extra CPU before it runs at full speed (tsx, the spec, compiled
 * validators, JIT warm-up), and a corpus pass (~870 files, ~30 MB) takes ~1.5-2 s single-threaded,
 * so two workers on idle cores only win from a couple of corpus passes' worth of input up.
 */
export const AUTO_MIN_FILES = 1000;
export const AUTO_MIN_BYTES = 50 * 1024 * 1024;
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
 * Worker threads for `fieldwork analyze --workers <n|auto>`: a number is taken as given (1 = the
 * single-threaded path); `auto` uses min(cores, 4) workers when the inputs are big enough for
 * threads to pay off, but no more than the cores that are idle (1-minute load average): on a busy
 * machine extra threads only add their start-up cost. Fewer than 2 means single-threaded.
 */
export async function planWorkers(
  requested: number | 'auto',
  inputs: readonly string[],
  cores: number = availableParallelism(),
  load: number = loadavg()[0] ?? 0,
): Promise<number> {
  if (requested !== 'auto') return requested;
  const idle = Math.floor(cores - load + 0.5);
  const workers = Math.min(cores, AUTO_MAX_WORKERS, idle);
  if (workers < 2) return 1;
  return (await bigEnoughForThreads(inputs)) ? workers : 1;
}
