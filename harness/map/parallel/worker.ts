import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from '../../read/index.ts';
import { loadSpec } from '../../spec/index.ts';
import { emptyAggregate, type Aggregate } from '../aggregate.ts';
import { analyzeReadResult, createMapContext, type MapContext } from '../analyze-exchange.ts';
import type { WorkerMessage, WorkerReply, WorkerSetup } from './protocol.ts';

/**
 * One analysis worker: loads the spec once (from the warm cache), then adds the batches it is sent,
 * in the order they arrive, to one running partial aggregate, acknowledging each, and sends the
 * partial when told to flush. One partial per run of batches, not per batch: serialising a partial
 * for the main thread, and starting the next one empty (every field's examples rendered again),
 * cost a quarter of a worker's time with a partial per 16 files.
 */
const port = parentPort;
if (!port) throw new Error('harness/map/parallel/worker.ts must run in a worker thread');
const setup = workerData as WorkerSetup;
const post = (reply: WorkerReply): void => port.postMessage(reply);
let partial: Aggregate | null = null;

/** Adds a batch to the partial, file by file (`readFile` reads synchronously: see read-file.ts). */
async function handle(ctx: MapContext, message: WorkerMessage): Promise<void> {
  if (message.type === 'flush') {
    post({ type: 'done', agg: partial ?? emptyAggregate() });
    partial = null;
    return;
  }
  const { task } = message;
  try {
    partial ??= emptyAggregate();
    for (const file of task.files) analyzeReadResult(ctx, await readFile(file, setup.read), partial);
    post({ type: 'ack', first: task.first });
  } catch (error) {
    // The partial may hold part of this batch: it is dropped, and the main thread redoes its files.
    partial = null;
    post({ type: 'failed', first: task.first, message: (error as Error)?.message ?? String(error) });
  }
}

try {
  const spec = await loadSpec(setup.specPath, { cacheDir: setup.cacheDir });
  const ctx = createMapContext(spec, setup.map);
  // Messages queue up here (the pool keeps more than one batch in flight) and run strictly in turn.
  let queue = Promise.resolve();
  port.on('message', (message: WorkerMessage) => {
    queue = queue.then(() => handle(ctx, message));
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'fatal', message: (error as Error)?.message ?? String(error) });
}
