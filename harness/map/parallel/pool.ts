import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FieldworkError } from '../../core/errors.ts';
import { addFinding, emptyAggregate, mergeInto, type Aggregate } from '../aggregate.ts';
import type { FileTask, WorkerReply, WorkerSetup } from './protocol.ts';

/** Options for `analyzeInParallel`; `workers` defaults to the machine's parallelism. */
export interface ParallelOptions extends WorkerSetup {
  workers?: number;
  /** Called once per file, in input order, after its partial result is merged. */
  onFile?: (file: string, partial: Aggregate) => void;
  /** Called when a file ran out of memory under `workerHeapMb` and is retried uncapped. */
  onRetry?: (file: string) => void;
  /**
   * Old-generation heap cap per worker in MB (default: V8's own limit); setting it also keeps the
   * young generation small. The live data of a worker is small (spec, validators, one file), so a
   * cap trades V8's lazy heap growth for a bounded RSS. A file that needs more is retried once on
   * an uncapped worker, so the cap never changes the result.
   */
  workerHeapMb?: number;
}

/** Workers when `analyzeInParallel` is given no count: one per core, at least 1 (`--workers auto` is planned by `planWorkers`). */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** What a file that a worker could not analyse contributes: one read error naming it. */
function failedFile(file: string, message: string): Aggregate {
  const agg = emptyAggregate();
  agg.files = 1;
  agg.errors = 1;
  addFinding(agg, {
    kind: 'read-error',
    operation: null,
    schema: null,
    path: '',
    message: `analysis worker failed: ${message}`,
    file,
    entry: null,
    event: null,
    model: null,
    provider: 'unknown',
  });
  return agg;
}

/**
 * Reads and analyses files on worker threads (one file per task, `analyzeReadResult` in each
 * worker) and merges the partial aggregates in input order, so the result is identical to the
 * single-threaded run whatever the scheduling. Files are pulled lazily from `files`; at most one
 * file per worker is in flight, so memory stays bounded by the workers, not the corpus.
 * The spec cache in `cacheDir` should be warm (the caller loads the spec first), so workers load
 * compiled validators instead of compiling them again.
 */
export async function analyzeInParallel(files: AsyncIterable<string> | Iterable<string>, options: ParallelOptions): Promise<Aggregate> {
  const count = Math.max(1, options.workers ?? defaultWorkers());
  const setup: WorkerSetup = { specPath: options.specPath, cacheDir: options.cacheDir, read: options.read, map: options.map };
  const iterator = (Symbol.asyncIterator in files ? files[Symbol.asyncIterator]() : (files as Iterable<string>)[Symbol.iterator]()) as
    | AsyncIterator<string>
    | Iterator<string>;
  const total = emptyAggregate();
  const finished = new Map<number, { file: string; agg: Aggregate }>();
  const inFlight = new Map<Worker, FileTask>();
  let nextId = 0;
  let nextToMerge = 0;
  let exhausted = false;
  /** Files waiting for an uncapped retry worker to start (not in flight, not finished). */
  let retrying = 0;

  return new Promise<Aggregate>((resolve, reject) => {
    const workers = new Set<Worker>();
    let settled = false;
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
      workers.clear();
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      stopAll();
      reject(error);
    };
    const mergeReady = (): void => {
      for (let next = finished.get(nextToMerge); next; next = finished.get(nextToMerge)) {
        finished.delete(nextToMerge++);
        mergeInto(total, next.agg);
        options.onFile?.(next.file, next.agg);
      }
      if (exhausted && inFlight.size === 0 && retrying === 0 && finished.size === 0 && !settled) {
        settled = true;
        stopAll();
        resolve(total);
      }
    };
    const feed = async (worker: Worker): Promise<void> => {
      if (exhausted) return mergeReady();
      const step = await iterator.next();
      if (step.done) {
        exhausted = true;
        return mergeReady();
      }
      const task: FileTask = { id: nextId++, file: step.value };
      inFlight.set(worker, task);
      worker.postMessage(task);
    };
    const complete = (worker: Worker, id: number, agg: Aggregate, next: () => void): void => {
      const task = inFlight.get(worker);
      inFlight.delete(worker);
      finished.set(id, { file: task?.file ?? '', agg });
      mergeReady();
      next();
    };
    /**
     * Starts a worker. A capped worker pulls files from the iterator; an uncapped one (`retry`)
     * analyses the one file a capped worker ran out of memory on, then makes way for a capped one,
     * so a cap never changes the result, only where the memory goes.
     */
    const start = (retry?: FileTask): void => {
      const capped = options.workerHeapMb && !retry;
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
        workerData: setup,
        ...(capped ? { resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb!, maxYoungGenerationSizeMb: 8 } } : {}),
      });
      workers.add(worker);
      const next = (): void => {
        if (!retry) return void feed(worker).catch((error: unknown) => fail(error as Error));
        workers.delete(worker);
        void worker.terminate();
        if (!settled) start();
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') {
          if (!retry) return void feed(worker).catch((error: unknown) => fail(error as Error));
          retrying--;
          inFlight.set(worker, retry);
          worker.postMessage(retry);
        } else if (reply.type === 'done') complete(worker, reply.id, reply.agg, next);
        else if (reply.type === 'failed') complete(worker, reply.id, failedFile(inFlight.get(worker)?.file ?? '', reply.message), next);
        else fail(new FieldworkError('E_WORKER', `An analysis worker could not start: ${reply.message}. Run with --workers 1 to see the full error.`));
      });
      worker.on('error', (error: Error & { code?: string }) => {
        // A worker that dies costs that file only: out of memory under the cap, the file is
        // retried once without it; otherwise it becomes a read error and a fresh worker goes on.
        workers.delete(worker);
        const task = inFlight.get(worker);
        if (!task) return fail(error);
        inFlight.delete(worker);
        if (capped && error.code === 'ERR_WORKER_OUT_OF_MEMORY' && !settled) {
          retrying++;
          options.onRetry?.(task.file);
          return start(task);
        }
        finished.set(task.id, { file: task.file, agg: failedFile(task.file, error.message) });
        mergeReady();
        if (!settled) start();
      });
    };
    for (let i = 0; i < count; i++) start();
  });
}
