import { emptyAggregate, mergeInto, type Aggregate } from '../aggregate.ts';

/**
 * Merges partial aggregates in input order, whatever order they arrive in: a partial covering
 * files [first, first + files.length) waits until every file before it is merged. Merging in input
 * order is what makes the pool's result the single-threaded one (capped lists keep the first seen).
 */
export class OrderedMerge {
  readonly total: Aggregate = emptyAggregate();
  /** Input position of the first file not merged yet. */
  next = 0;
  private readonly waiting = new Map<number, { files: string[]; agg: Aggregate }>();

  /** @param onFile called once per file, in input order, as it is merged */
  constructor(private readonly onFile?: (file: string) => void) {}

  /** Partials that arrived before an earlier one. */
  get held(): number {
    return this.waiting.size;
  }

  /** Adds the partial of `files` (consecutive, the first at input position `first`) and merges what is ready. */
  add(first: number, files: string[], agg: Aggregate): void {
    this.waiting.set(first, { files, agg });
    for (let ready = this.waiting.get(this.next); ready; ready = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next += ready.files.length;
      mergeInto(this.total, ready.agg);
      for (const file of ready.files) this.onFile?.(file);
    }
  }
}
