/**
 * `analyze` across worker threads: the same per-file step (`analyzeReadResult`) on N workers, in
 * batches of consecutive files,
 * merged in input order, then the same `finalizeReport`. `fieldwork analyze --workers auto` picks
 * it for big inputs (`planWorkers`); for a few files the single-threaded `analyzeInputs` is faster.
 */
import type { Report } from '../../core/report.ts';
import { listInputs } from '../../read/index.ts';
import type { SpecIndex } from '../../spec/types.ts';
import { finalizeReport } from '../finalize.ts';
import type { AnalyzeOptions } from '../index.ts';
import { schemaViews } from '../observe.ts';
import { analyzeInParallel, defaultWorkers } from './pool.ts';

export { analyzeInParallel, defaultWorkers, type ParallelOptions } from './pool.ts';
export { AUTO_MAX_WORKERS, AUTO_MIN_BYTES, AUTO_MIN_FILES, DEFAULT_WORKER_HEAP_MB, bigEnoughForThreads, busyCores, parseWorkers, planWorkers } from './plan.ts';

export interface ParallelAnalyzeOptions extends Omit<AnalyzeOptions, 'onFile'> {
  /** Worker threads (default: one per core). */
  workers?: number;
  /** The spec cache the workers load compiled validators from (pass `config.cacheDir`). */
  cacheDir: string | null;
  /** Called once per file, in input order. */
  onFile?: (file: string) => void;
  /** Heap cap per worker in MB (see `ParallelOptions.workerHeapMb`). */
  workerHeapMb?: number;
}

/** Like `analyzeInputs`, with reading and per-file analysis on worker threads. */
export async function analyzeInputsParallel(inputs: readonly string[], spec: SpecIndex, options: ParallelAnalyzeOptions): Promise<Report> {
  const map: { validate?: boolean; redactHeaders?: readonly string[] } = {};
  if (options.validate !== undefined) map.validate = options.validate;
  if (options.redactHeaders) map.redactHeaders = options.redactHeaders;
  const aggregate = await analyzeInParallel(listInputs(inputs), {
    specPath: spec.path,
    cacheDir: options.cacheDir,
    read: options.read ?? {},
    map,
    workers: options.workers ?? defaultWorkers(),
    ...(options.workerHeapMb ? { workerHeapMb: options.workerHeapMb } : {}),
    ...(options.onFile ? { onFile: options.onFile } : {}),
  });
  return finalizeReport(aggregate, spec, schemaViews(spec), [...inputs]);
}
