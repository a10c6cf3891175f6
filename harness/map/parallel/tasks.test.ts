import { describe, expect, it } from 'vitest';
import type { BatchTask } from './protocol.ts';
import { consecutive, enqueue, splitBatch, stealBackHalf } from './tasks.ts';

/** Batches of `size` files starting at input positions `firsts`. */
const tasks = (size: number, ...firsts: number[]): BatchTask[] =>
  firsts.map((first) => ({ first, files: Array.from({ length: size }, (_, i) => `f${first + i}`) }));

describe('stealBackHalf', () => {
  it.each([
    { queues: [[], []], stolen: null, left: [[], []] },
    { queues: [[0], [2]], stolen: null, left: [[0], [2]] },
    { queues: [[0, 2], []], stolen: [2], left: [[0], []] },
    { queues: [[0, 2, 4], [10, 12]], stolen: [4], left: [[0, 2], [10, 12]] },
    { queues: [[0, 2], [10, 12, 14, 16, 18]], stolen: [16, 18], left: [[0, 2], [10, 12, 14]] },
  ])('takes the back half of the longest queue: $queues', ({ queues, stolen, left }) => {
    const qs = queues.map((firsts) => tasks(2, ...firsts));
    const got = stealBackHalf(qs);
    expect(got?.map((t) => t.first) ?? null).toEqual(stolen);
    expect(qs.map((q) => q.map((t) => t.first))).toEqual(left);
    // Both halves are still runs of consecutive files.
    for (const q of [...qs, got ?? []]) expect(consecutive(q)).toBe(true);
  });
});

describe('consecutive', () => {
  it.each([
    { run: [], ok: true },
    { run: tasks(2, 0, 2, 4), ok: true },
    { run: [...tasks(3, 0), ...tasks(1, 3, 4)], ok: true },
    { run: tasks(2, 0, 4), ok: false },
    { run: tasks(2, 2, 0), ok: false },
  ])('$run.length batches -> $ok', ({ run, ok }) => expect(consecutive(run)).toBe(ok));
});

describe('enqueue and splitBatch', () => {
  it('keeps requeued work in input order, a split batch as one task per file', () => {
    const queue = tasks(2, 10);
    enqueue(queue, ...splitBatch(tasks(3, 4)[0]!), ...tasks(2, 0));
    expect(queue.map((t) => [t.first, t.files.length])).toEqual([[0, 2], [4, 1], [5, 1], [6, 1], [10, 2]]);
  });
});
