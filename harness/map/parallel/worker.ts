import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from '../../read/index.ts';
import { loadSpec } from '../../spec/index.ts';
import { emptyAggregate } from '../aggregate.ts';
import { analyzeReadResult, createMapContext, type MapContext } from '../analyze-exchange.ts';
import type { BatchTask, WorkerReply, WorkerSetup } from './protocol.ts';

/**
 * One analysis worker: loads the spec once (from the warm cache), then analyses the batches it is
 * sent, one at a time and in the order they arrive, replying with one partial aggregate per batch.
 * The per-file work is the same `analyzeReadResult` the single-threaded path runs.
 */
const port = parentPort;
if (!port) throw new Error('harness/map/parallel/worker.ts must run in a worker thread');
const setup = workerData as WorkerSetup;
const post = (reply: WorkerReply): void => port.postMessage(reply);

/** Analyses a batch file by file (`readFile` reads synchronously: see read-file.ts). */
async function runBatch(ctx: MapContext, task: BatchTask): Promise<void> {
  const agg = emptyAggregate();
  for (const file of task.files) {
    analyzeReadResult(ctx, await readFile(file, setup.read), agg);
  }
  post({ type: 'done', first: task.first, agg });
}

try {
  const spec = await loadSpec(setup.specPath, { cacheDir: setup.cacheDir });
  const ctx = createMapContext(spec, setup.map);
  // Batches queue up here (the pool keeps more than one in flight) and run strictly in turn.
  let queue = Promise.resolve();
  port.on('message', (task: BatchTask) => {
    queue = queue.then(() =>
      runBatch(ctx, task).catch((error: unknown) => post({ type: 'failed', first: task.first, message: (error as Error)?.message ?? String(error) })),
    );
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'fatal', message: (error as Error)?.message ?? String(error) });
}
