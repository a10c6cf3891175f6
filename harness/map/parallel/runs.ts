import type { BatchTask } from './protocol.ts';
import { batches, enqueue, stealBackHalf } from './tasks.ts';

/**
 * Where the pool's workers get their runs of consecutive batches: work taken back from a dead
 * worker first (one batch per run), then the back half of a busy worker's unsent batches, or
 * batches straight from the input, which is read lazily and only ever one run at a time.
 */
export class RunSource {
  /** Batches and files taken back from dead workers, in input order. */
  readonly requeued: BatchTask[] = [];
  /** The input has no more files. */
  exhausted = false;
  private readonly input: AsyncGenerator<BatchTask>;
  private turn: Promise<unknown> = Promise.resolve();

  constructor(files: AsyncIterable<string> | Iterable<string>, batchFiles: number) {
    this.input = batches(files, batchFiles);
  }

  requeue(...tasks: BatchTask[]): void {
    enqueue(this.requeued, ...tasks);
  }

  /** Whether work may still come from here (the input, or requeued batches). */
  get open(): boolean {
    return !this.exhausted || this.requeued.length > 0;
  }

  /**
   * The next run for a worker: up to `size` batches of new input, or (when the input is used up,
   * or `preferSteal`) the back half of the longest of `pending`. Empty when there is nothing left.
   */
  async next(size: number, pending: () => BatchTask[][], preferSteal: boolean): Promise<BatchTask[]> {
    if (this.exhausted || preferSteal || this.requeued.length > 0) {
      const run = this.leftover(pending);
      if (run.length > 0 || this.exhausted) return run;
    }
    const run = await this.take(size);
    // A worker may have died while this waited for its turn: its requeued work comes first.
    return run.length > 0 ? run : this.leftover(pending);
  }

  /** A requeued batch, else the back half of the longest of `pending`, else nothing. */
  private leftover(pending: () => BatchTask[][]): BatchTask[] {
    const requeued = this.requeued.shift();
    return requeued ? [requeued] : (stealBackHalf(pending()) ?? []);
  }

  /** Up to `n` batches from the input, taken in one turn so that they are consecutive. */
  private take(n: number): Promise<BatchTask[]> {
    const run = this.turn.then(async () => {
      const out: BatchTask[] = [];
      while (!this.exhausted && out.length < n) {
        const step = await this.input.next();
        if (step.done) this.exhausted = true;
        else out.push(step.value);
      }
      return out;
    });
    this.turn = run.catch(() => undefined);
    return run;
  }
}
