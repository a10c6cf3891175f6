import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from '../../read/index.ts';
import { loadSpec } from '../../spec/index.ts';
import { analyzeReadResult, createMapContext } from '../analyze-exchange.ts';
import type { FileTask, WorkerReply, WorkerSetup } from './protocol.ts';

/**
 * One analysis worker: loads the spec once (from the warm cache), then reads and analyses the
 * files it is sent, one at a time, replying with each file's partial aggregate. The per-file work
 * is the same pure `analyzeReadResult` the single-threaded path runs.
 */
const port = parentPort;
if (!port) throw new Error('harness/map/parallel/worker.ts must run in a worker thread');
const setup = workerData as WorkerSetup;
const post = (reply: WorkerReply): void => port.postMessage(reply);

try {
  const spec = await loadSpec(setup.specPath, { cacheDir: setup.cacheDir });
  const ctx = createMapContext(spec, setup.map);
  port.on('message', (task: FileTask) => {
    readFile(task.file, setup.read)
      .then((result) => post({ type: 'done', id: task.id, agg: analyzeReadResult(ctx, result) }))
      .catch((error: unknown) => post({ type: 'failed', id: task.id, message: (error as Error)?.message ?? String(error) }));
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'fatal', message: (error as Error)?.message ?? String(error) });
}
