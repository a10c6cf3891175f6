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
  /**
   * Old-generation heap cap per worker in MB (default: V8's own limit); setting it also keeps the
   * young generation small. The live data of a worker is small (spec, validators, one file), so a
   * cap trades V8's lazy heap growth for a bounded RSS. A file that needs more costs only itself:
   * its worker dies, the file becomes a read error and a fresh worker goes on.
   */
  workerHeapMb?: number;
}

/** Worker count for `--workers auto`: one per core, at least 1. */
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
      if (exhausted && inFlight.size === 0 && finished.size === 0 && !settled) {
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
    const complete = (worker: Worker, id: number, agg: Aggregate): void => {
      const task = inFlight.get(worker);
      inFlight.delete(worker);
      finished.set(id, { file: task?.file ?? '', agg });
      mergeReady();
      feed(worker).catch((error: unknown) => fail(error as Error));
    };
    const start = (): void => {
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
        workerData: setup,
        ...(options.workerHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb, maxYoungGenerationSizeMb: 8 } } : {}),
      });
      workers.add(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') feed(worker).catch((error: unknown) => fail(error as Error));
        else if (reply.type === 'done') complete(worker, reply.id, reply.agg);
        else if (reply.type === 'failed') complete(worker, reply.id, failedFile(inFlight.get(worker)?.file ?? '', reply.message));
        else fail(new FieldworkError('E_WORKER', `An analysis worker could not start: ${reply.message}. Run without --workers to see the full error.`));
      });
      worker.on('error', (error) => {
        // A worker that dies (e.g. out of memory on one file) costs that file only: report it and
        // carry on with a fresh worker.
        workers.delete(worker);
        const task = inFlight.get(worker);
        if (!task) return fail(error);
        inFlight.delete(worker);
        finished.set(task.id, { file: task.file, agg: failedFile(task.file, error.message) });
        mergeReady();
        if (!settled) start();
      });
    };
    for (let i = 0; i < count; i++) start();
  });
}
