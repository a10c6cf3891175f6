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

/**
 * Main -> worker: analyse a run of consecutive input files into one partial aggregate. `first` is
 * the input position of `files[0]`; the main thread merges partials in that order.
 */
export interface BatchTask {
  first: number;
  files: string[];
}

/** Worker -> main: one batch's partial aggregate, or why the worker could not produce one. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; first: number; agg: Aggregate }
  | { type: 'failed'; first: number; message: string }
  | { type: 'fatal'; message: string };
