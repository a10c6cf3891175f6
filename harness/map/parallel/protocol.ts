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

/** Main -> worker: analyse one file. */
export interface FileTask {
  id: number;
  file: string;
}

/** Worker -> main: one file's partial aggregate, or why the worker could not produce one. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; agg: Aggregate }
  | { type: 'failed'; id: number; message: string }
  | { type: 'fatal'; message: string };
