import { emptyAggregate, type Aggregate } from '../aggregate.ts';
import { addFinding } from '../findings.ts';
import type { BatchTask } from './protocol.ts';

/**
 * Files per batch. A batch costs one message each way and one merge on the main thread; 16 files
 * (~0.5 MB of cassettes on the shared corpus) keep that to a few percent of a run. Bigger batches
 * were ~2% faster but held bigger partials in flight (+15-30 MB peak RSS with two workers).
 */
export const BATCH_FILES = 16;

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
