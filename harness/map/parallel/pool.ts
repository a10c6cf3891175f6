import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FieldworkError } from '../../core/errors.ts';
import { emptyAggregate, mergeInto, type Aggregate } from '../aggregate.ts';
import type { BatchTask, WorkerReply, WorkerSetup } from './protocol.ts';
import { BATCH_FILES, batches, enqueue, failedFile, splitBatch } from './tasks.ts';
import { workerBundle } from './bundle.ts';

/** Options for `analyzeInParallel`; `workers` defaults to the machine's parallelism. */
export interface ParallelOptions extends WorkerSetup {
  workers?: number;
  /** Files per batch (default `BATCH_FILES`). */
  batchFiles?: number;
  /** Called once per file, in input order, after the batch holding it is merged. */
  onFile?: (file: string) => void;
  /** Called when a file ran out of memory under `workerHeapMb` and is retried uncapped. */
  onRetry?: (file: string) => void;
  /**
   * Old-generation heap cap per worker in MB (default: V8's own limit). The live data of a worker
   * is small (spec, validators, one file, one batch's partial), so a cap trades V8's lazy heap
   * growth for a bounded RSS. A file that needs more is retried once on an uncapped worker, so the
   * cap never changes the result.
   */
  workerHeapMb?: number;
  /**
   * The worker module (default: the bundled worker in `cacheDir`, else `worker-entry.mjs` through
   * tsx); tests pass one that misbehaves on purpose.
   */
  workerEntry?: URL;
}

/** Batches queued per worker: it starts the next one while the main thread merges the last. */
const IN_FLIGHT = 2;

/** Workers when `analyzeInParallel` is given no count: one per core, at least 1 (`--workers auto` is planned by `planWorkers`). */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

const cannotStart = (why: string): FieldworkError =>
  new FieldworkError('E_WORKER', `An analysis worker could not start: ${why}. Run with --workers 1 to see the full error.`);

interface Slot {
  worker: Worker;
  /** Batches sent and not answered, oldest (the one being worked on) first. */
  tasks: BatchTask[];
  /** Batches being taken from the source for this worker. */
  taking: number;
  capped: boolean;
  /** Started (sent `ready`) and not dead or stopped. */
  ready: boolean;
  alive: boolean;
}

/**
 * Reads and analyses files on worker threads in batches of consecutive files, and merges the
 * partial aggregates in input order, so the result is the single-threaded one whatever the
 * scheduling. Files are pulled lazily from `files`, and each worker holds one file and one
 * batch's partial at a time, so memory is bounded by the workers, not the corpus. A worker that
 * dies costs only the file it was on: its batch is split and retried file by file, a file that
 * ran out of memory under the heap cap is retried once uncapped, and any other crash makes that
 * file a read error. The spec cache in `cacheDir` should be warm (the caller loads the spec first).
 */
export async function analyzeInParallel(files: AsyncIterable<string> | Iterable<string>, options: ParallelOptions): Promise<Aggregate> {
  const count = Math.max(1, options.workers ?? defaultWorkers());
  const entry = options.workerEntry ?? (await workerBundle(options.cacheDir)) ?? new URL('./worker-entry.mjs', import.meta.url);
  const setup: WorkerSetup = { specPath: options.specPath, cacheDir: options.cacheDir, read: options.read, map: options.map };
  const source = batches(files, options.batchFiles ?? BATCH_FILES);
  const total = emptyAggregate();
  const finished = new Map<number, { task: BatchTask; agg: Aggregate }>();
  /** Batches and files taken back from dead workers, handed out before new ones. */
  const requeued: BatchTask[] = [];
  const slots = new Set<Slot>();
  let nextToMerge = 0;
  let exhausted = false;
  let taking = 0;
  let retrying = 0;
  let settled = false;

  return new Promise<Aggregate>((resolve, reject) => {
    const stopAll = (): void => {
      for (const s of slots) {
        s.alive = false;
        void s.worker.terminate();
      }
      slots.clear();
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      stopAll();
      reject(error);
    };
    const mergeReady = (): void => {
      for (let next = finished.get(nextToMerge); next; next = finished.get(nextToMerge)) {
        finished.delete(nextToMerge);
        nextToMerge += next.task.files.length;
        mergeInto(total, next.agg);
        for (const file of next.task.files) options.onFile?.(file);
      }
      const busy = [...slots].some((s) => s.tasks.length > 0);
      if (exhausted && !busy && taking === 0 && retrying === 0 && requeued.length === 0 && finished.size === 0 && !settled) {
        settled = true;
        stopAll();
        resolve(total);
      }
    };
    const take = async (): Promise<BatchTask | null> => {
      if (requeued.length > 0) return requeued.shift()!;
      if (exhausted) return null;
      const step = await source.next();
      if (step.done) exhausted = true;
      return step.done ? null : step.value;
    };
    /** Tops a worker up to IN_FLIGHT batches. */
    const fill = async (slot: Slot): Promise<void> => {
      while (!settled && slot.alive && slot.tasks.length + slot.taking < IN_FLIGHT) {
        taking++;
        slot.taking++;
        const task = await take().finally(() => {
          taking--;
          slot.taking--;
        });
        if (!task) break;
        if (!slot.alive || settled) {
          enqueue(requeued, task);
          break;
        }
        slot.tasks.push(task);
        slot.worker.postMessage(task);
      }
      mergeReady();
    };
    /** A batch that failed is retried file by file; a single file that failed is a read error. */
    const lose = (task: BatchTask, message: string): void => {
      if (task.files.length > 1) enqueue(requeued, ...splitBatch(task));
      else finished.set(task.first, { task, agg: failedFile(task.files[0]!, message) });
    };
    const complete = (slot: Slot, first: number, agg: Aggregate | null, message?: string): void => {
      const at = slot.tasks.findIndex((t) => t.first === first);
      const [task] = slot.tasks.splice(at, 1);
      if (!task) return fail(new FieldworkError('E_WORKER', `An analysis worker answered for a batch it was not given (file #${first}).`));
      if (agg) finished.set(first, { task, agg });
      else lose(task, message ?? 'unknown error');
    };
    /** A worker died: its current batch is split (or its one file retried or failed), the rest requeued. */
    const crashed = (slot: Slot, error: Error & { code?: string }): void => {
      if (!slot.alive) return;
      slot.alive = false;
      slots.delete(slot);
      // Dying before it was ready is not about any file (a broken install, say): restarting would loop.
      if (!slot.ready) return fail(cannotStart(error.message));
      const [current, ...rest] = slot.tasks;
      slot.tasks = [];
      enqueue(requeued, ...rest);
      if (settled) return;
      if (current?.files.length === 1 && slot.capped && error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        retrying++;
        options.onRetry?.(current.files[0]!);
        return void start(current);
      }
      if (current) lose(current, error.message);
      mergeReady();
      start();
    };
    /**
     * Starts a worker. A capped worker pulls batches; an uncapped one (`retry`) analyses the one file
     * a capped worker ran out of memory on, then makes way for a capped one again.
     */
    const start = (retry?: BatchTask): void => {
      const capped = Boolean(options.workerHeapMb) && !retry;
      const worker = new Worker(entry, {
        workerData: setup,
        ...(capped ? { resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb!, maxYoungGenerationSizeMb: 32 } } : {}),
      });
      const slot: Slot = { worker, tasks: [], taking: 0, capped, ready: false, alive: true };
      slots.add(slot);
      const next = (): void => {
        if (!retry) return void fill(slot).catch((error: unknown) => fail(error as Error));
        slot.alive = false;
        slots.delete(slot);
        void worker.terminate();
        if (!settled) start();
        mergeReady();
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') {
          slot.ready = true;
          if (!retry) return next();
          retrying--;
          slot.tasks.push(retry);
          worker.postMessage(retry);
        } else if (reply.type === 'done' || reply.type === 'failed') {
          complete(slot, reply.first, reply.type === 'done' ? reply.agg : null, reply.type === 'failed' ? reply.message : undefined);
          mergeReady();
          next();
        } else fail(cannotStart(reply.message));
      });
      worker.on('error', (error: Error & { code?: string }) => crashed(slot, error));
      worker.on('exit', (code) => crashed(slot, new Error(`worker thread exited with code ${code}`)));
    };
    for (let i = 0; i < count; i++) start();
  });
}
