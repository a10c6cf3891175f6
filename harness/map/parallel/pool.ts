import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FieldworkError } from '../../core/errors.ts';
import type { Aggregate } from '../aggregate.ts';
import { OrderedMerge } from './ordered-merge.ts';
import type { BatchTask, WorkerMessage, WorkerReply, WorkerSetup } from './protocol.ts';
import { RunSource } from './runs.ts';
import { BATCH_FILES, RUN_FIRST_BATCHES, RUN_MAX_BATCHES, consecutive, failedFile, splitBatch } from './tasks.ts';
import { workerBundle } from './bundle.ts';

/** Options for `analyzeInParallel`; `workers` defaults to the machine's parallelism. */
export interface ParallelOptions extends WorkerSetup {
  workers?: number;
  /** Files per batch (default `BATCH_FILES`). */
  batchFiles?: number;
  /** Most batches a worker adds to one partial before sending it (default `RUN_MAX_BATCHES`). */
  runBatches?: number;
  /** Called once per file, in input order, after the partial holding it is merged. */
  onFile?: (file: string) => void;
  /** Called when a file ran out of memory under `workerHeapMb` and is retried uncapped. */
  onRetry?: (file: string) => void;
  /**
   * Old-generation heap cap per worker in MB (default: V8's own limit). The live data of a worker
   * is small (spec, validators, one file, its running partial), so a cap trades V8's lazy heap
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

/** Batches sent to a worker ahead of its answers, so it never waits for the main thread. */
const IN_FLIGHT = 2;
/**
 * Young generation per capped worker (MB). A worker now keeps its partial for a whole run, so
 * more of what it allocates survives; at 100x the corpus, 16 MB instead of 32 took peak RSS from
 * 452 to 365 MB (two workers) for ~5% more time.
 */
const WORKER_YOUNG_MB = 16;
/** Marks, in a worker's sent queue, the flush that ends a run. */
const FLUSH = 'flush';

/** Workers when `analyzeInParallel` is given no count: one per core, at least 1 (`--workers auto` is planned by `planWorkers`). */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

const cannotStart = (why: string): FieldworkError =>
  new FieldworkError('E_WORKER', `An analysis worker could not start: ${why}. Run with --workers 1 to see the full error.`);
const poolBug = (what: string): FieldworkError =>
  new FieldworkError('E_WORKER', `The analysis pool lost track of its work (${what}); this is a fieldwork bug: please report it, and run with --workers 1 meanwhile.`);

interface Slot {
  worker: Worker;
  /** The rest of this worker's run, not sent yet (an idle worker may steal its back half). */
  pending: BatchTask[];
  /** Sent and not answered, oldest (the one being worked on) first: batches and flush marks. */
  sent: Array<BatchTask | typeof FLUSH>;
  /** Batches acknowledged into the worker's running partial (lost with it if the worker dies). */
  acked: BatchTask[];
  /** Batches the worker's next run from the input takes (doubling up to the maximum). */
  runSize: number;
  reserving: boolean;
  capped: boolean;
  /** Started (sent `ready`) and not dead or stopped. */
  ready: boolean;
  alive: boolean;
  /** The uncapped worker retrying one file: stopped once that file's partial is in. */
  retry: boolean;
}

/**
 * Reads and analyses files on worker threads and merges their partial aggregates in input order,
 * so the result is the single-threaded one whatever the scheduling. Each worker takes runs of
 * consecutive batches (reserved from `files`, which is read lazily) and adds a whole run to one
 * partial; when the input is used up, an idle worker steals the back half of a busy worker's
 * unsent batches. Memory is bounded by the workers, not the corpus: a run is a list of paths, and
 * few partials wait for an earlier one. A worker that dies costs only the file it was on: the
 * batches in its lost partial are redone, its current batch is split and retried file by file, a
 * file that ran out of memory under the heap cap is retried once uncapped, and any other crash
 * makes that file a read error. The spec cache in `cacheDir` should be warm (the caller loads the
 * spec first).
 */
export async function analyzeInParallel(files: AsyncIterable<string> | Iterable<string>, options: ParallelOptions): Promise<Aggregate> {
  const count = Math.max(1, options.workers ?? defaultWorkers());
  const maxRun = Math.max(1, options.runBatches ?? RUN_MAX_BATCHES);
  const entry = options.workerEntry ?? (await workerBundle(options.cacheDir)) ?? new URL('./worker-entry.mjs', import.meta.url);
  const setup: WorkerSetup = { specPath: options.specPath, cacheDir: options.cacheDir, read: options.read, map: options.map };
  const source = new RunSource(files, options.batchFiles ?? BATCH_FILES);
  const merged = new OrderedMerge(options.onFile);
  const slots = new Set<Slot>();
  let retrying = 0;
  let settled = false;

  return new Promise<Aggregate>((resolve, reject) => {
    const stop = (slot: Slot): void => {
      slot.alive = false;
      slots.delete(slot);
      void slot.worker.terminate();
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      for (const s of [...slots]) stop(s);
      reject(error);
    };
    /** Resolves once nothing is left to run (every partial is merged as it becomes ready). */
    const mergeReady = (): void => {
      const idle = [...slots].every((s) => s.sent.length === 0 && s.acked.length === 0 && s.pending.length === 0 && !s.reserving);
      if (source.open || !idle || retrying > 0 || settled) return;
      // Nothing is left to run, so a partial still waiting means files before it went missing.
      if (merged.held > 0) return fail(poolBug(`files from #${merged.next} on were never analysed`));
      settled = true;
      for (const s of [...slots]) stop(s);
      resolve(merged.total);
    };
    const pendingQueues = (): BatchTask[][] => [...slots].map((s) => s.pending);
    /** A worker's next run; once partials wait for an earlier one, it helps finish that one instead. */
    const reserve = async (slot: Slot): Promise<BatchTask[]> => {
      const run = await source.next(slot.runSize, pendingQueues, merged.held >= count);
      slot.runSize = Math.min(maxRun, slot.runSize * 2);
      return run;
    };
    const send = (slot: Slot, message: WorkerMessage): void => slot.worker.postMessage(message);
    const inFlight = (slot: Slot): number => slot.sent.filter((t) => t !== FLUSH).length;
    /** Keeps a worker IN_FLIGHT batches ahead; the last batch of each run is followed by a flush. */
    const feed = async (slot: Slot): Promise<void> => {
      while (!settled && slot.alive && slot.ready && inFlight(slot) < IN_FLIGHT) {
        if (slot.pending.length === 0) {
          if (slot.reserving || slot.retry) break;
          slot.reserving = true;
          const run = await reserve(slot).finally(() => (slot.reserving = false));
          if (!slot.alive || settled) {
            source.requeue(...run);
            break;
          }
          if (run.length === 0) break;
          slot.pending = run;
        }
        const task = slot.pending.shift()!;
        slot.sent.push(task);
        send(slot, { type: 'batch', task });
        if (slot.pending.length > 0) continue;
        slot.sent.push(FLUSH);
        send(slot, { type: 'flush' });
      }
      mergeReady();
    };
    const wake = (only?: Slot): void => {
      for (const s of only ? [only] : [...slots]) feed(s).catch((error: unknown) => fail(error as Error));
    };
    /** A batch that failed is retried file by file; a single file that failed is a read error. */
    const lose = (task: BatchTask, message: string): void => {
      if (task.files.length > 1) source.requeue(...splitBatch(task));
      else merged.add(task.first, task.files, failedFile(task.files[0]!, message));
    };
    /** A worker died (or its analysis threw): its current batch is lost, everything else it held redone. */
    const crashed = (slot: Slot, error: Error & { code?: string }): void => {
      if (!slot.alive) return;
      stop(slot);
      // Dying before it was ready is not about any file (a broken install, say): restarting would loop.
      if (!slot.ready) return fail(cannotStart(error.message));
      const head = slot.sent[0];
      const current = head !== undefined && head !== FLUSH ? head : undefined;
      const others = slot.sent.filter((t): t is BatchTask => t !== FLUSH && t !== current);
      source.requeue(...slot.acked, ...others, ...slot.pending);
      slot.acked = [];
      slot.sent = [];
      slot.pending = [];
      if (settled) return;
      if (current?.files.length === 1 && slot.capped && error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        retrying++;
        options.onRetry?.(current.files[0]!);
        start(current);
      } else {
        if (current) lose(current, error.message);
        start();
      }
      wake();
    };
    const answered = (slot: Slot, reply: WorkerReply): void => {
      // A stopped worker's last messages (it may have answered before it was terminated) are void.
      if (!slot.alive) return;
      if (reply.type === 'ready') {
        slot.ready = true;
        if (slot.retry) retrying--;
      } else if (reply.type === 'ack') {
        const head = slot.sent.shift();
        if (head === undefined || head === FLUSH || head.first !== reply.first) return fail(poolBug(`a worker acknowledged file #${reply.first} out of turn`));
        slot.acked.push(head);
      } else if (reply.type === 'done') {
        if (slot.sent.shift() !== FLUSH) return fail(poolBug('a worker sent a partial it was not asked for'));
        const run = slot.acked;
        slot.acked = [];
        if (!consecutive(run)) return fail(poolBug('a partial of files that are not consecutive'));
        if (run.length > 0) merged.add(run[0]!.first, run.flatMap((t) => t.files), reply.agg);
        if (slot.retry) {
          stop(slot);
          if (!settled) start();
          return mergeReady();
        }
      } else if (reply.type === 'failed') return crashed(slot, new Error(reply.message));
      else return fail(cannotStart(reply.message));
      wake(slot);
    };
    /**
     * Starts a worker. A capped worker takes runs; an uncapped one (`retry`) analyses the one file
     * a capped worker ran out of memory on, then makes way for a capped one again.
     */
    const start = (retry?: BatchTask): void => {
      const capped = Boolean(options.workerHeapMb) && !retry;
      const worker = new Worker(entry, {
        workerData: setup,
        ...(capped ? { resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb!, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } } : {}),
      });
      const slot: Slot = { worker, pending: retry ? [retry] : [], sent: [], acked: [], runSize: RUN_FIRST_BATCHES, reserving: false, capped, ready: false, alive: true, retry: Boolean(retry) };
      slots.add(slot);
      worker.on('message', (reply: WorkerReply) => answered(slot, reply));
      worker.on('error', (error: Error & { code?: string }) => crashed(slot, error));
      worker.on('exit', (code) => crashed(slot, new Error(`worker thread exited with code ${code}`)));
    };
    for (let i = 0; i < count; i++) start();
  });
}
