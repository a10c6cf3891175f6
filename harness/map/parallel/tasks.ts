import { emptyAggregate, type Aggregate } from '../aggregate.ts';
import { addFinding } from '../findings.ts';
import type { BatchTask } from './protocol.ts';

/**
 * Files per batch: the unit a worker acknowledges, steals are cut at and a crash is retried at.
 * A batch costs only a small message each way (partials are sent per run, not per batch).
 */
export const BATCH_FILES = 16;
/** Batches in a worker's first run; each next run of that worker is twice as long... */
export const RUN_FIRST_BATCHES = 4;
/**
 * ...up to this many (16,384 files, ~19 passes over the shared corpus). Long runs mean few partials
 * to serialise and merge: every partial holds its own examples and findings, so on the main thread
 * each is ~12 MB of garbage once merged (at 100x: 256-batch runs peaked at 452 MB RSS, 1024-batch
 * runs at 414 MB). The tail stays balanced because an idle worker steals the back half of a busy
 * worker's unsent batches; the price is that a crash redoes up to one run.
 */
export const RUN_MAX_BATCHES = 1024;

/** Cuts the input files into batches of consecutive files, numbered by input position. */
export async function* batches(files: AsyncIterable<string> | Iterable<string>, size: number = BATCH_FILES): AsyncGenerator<BatchTask> {
  let first = 0;
  let batch: string[] = [];
  for await (const file of files) {
    batch.push(file);
    if (batch.length >= size) {
      yield { first, files: batch };
      first += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) yield { first, files: batch };
}

/** A batch as one task per file, so a file that breaks a worker costs only itself. */
export function splitBatch(task: BatchTask): BatchTask[] {
  return task.files.map((file, i) => ({ first: task.first + i, files: [file] }));
}

/** Inserts `task` into `queue`, kept in input order (the merge waits for the earliest). */
export function enqueue(queue: BatchTask[], ...tasks: BatchTask[]): void {
  for (const task of tasks) {
    const at = queue.findIndex((t) => t.first > task.first);
    queue.splice(at < 0 ? queue.length : at, 0, task);
  }
}

/** Whether `tasks` are consecutive input files, each batch starting where the last one ended. */
export function consecutive(tasks: readonly BatchTask[]): boolean {
  return tasks.every((t, i) => i === 0 || t.first === tasks[i - 1]!.first + tasks[i - 1]!.files.length);
}

/**
 * The back half of the longest queue of unsent batches (removed from it), or null if none holds
 * two or more. The owner keeps the front half, so both runs stay consecutive.
 */
export function stealBackHalf(queues: Iterable<BatchTask[]>): BatchTask[] | null {
  let victim: BatchTask[] | null = null;
  for (const q of queues) if (q.length >= 2 && (!victim || q.length > victim.length)) victim = q;
  return victim ? victim.splice(Math.ceil(victim.length / 2)) : null;
}

/** What a file that a worker could not analyse contributes: one read error naming it. */
export function failedFile(file: string, message: string): Aggregate {
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
