import type { ReadOptions } from '../../read/types.ts';
import type { Aggregate } from '../aggregate.ts';

/** What every worker is started with (structured-clone friendly). */
export interface WorkerSetup {
  specPath: string;
  /** Validator/document cache shared with the main thread (warm it there first). */
  cacheDir: string | null;
  read: ReadOptions;
  map: { validate?: boolean; redactHeaders?: readonly string[] };
}

/** Consecutive input files; `first` is the input position of `files[0]`. */
export interface BatchTask {
  first: number;
  files: string[];
}

/**
 * Main -> worker. A worker adds each batch to one running partial aggregate and sends that
 * partial only when told to `flush`: the main thread hands a worker runs of consecutive batches,
 * so a partial always covers consecutive files and partials merge in input order.
 */
export type WorkerMessage = { type: 'batch'; task: BatchTask } | { type: 'flush' };

/**
 * Worker -> main. `ack`: the batch is in the running partial. `done`: the partial since the last
 * flush. `failed`: analysing the batch threw; the worker drops its partial, and the main thread
 * stops it and redoes that partial's files elsewhere.
 */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'ack'; first: number }
  | { type: 'done'; agg: Aggregate }
  | { type: 'failed'; first: number; message: string }
  | { type: 'fatal'; message: string };
