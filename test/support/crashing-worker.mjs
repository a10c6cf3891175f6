// An analysis worker that misbehaves on purpose; otherwise the real worker. Handed a batch holding
// a file whose name contains "CRASH", it dies at once (exit code 3, no error), before analysing
// anything of it. For a file whose name contains "THROW", it answers that the batch failed, as the
// real worker does when analysis throws (the real worker still goes on and acknowledges it).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
parentPort.on('message', (message) => {
  const files = message.task?.files ?? [];
  if (files.some((file) => file.includes('CRASH'))) process.exit(3);
  if (files.some((file) => file.includes('THROW'))) parentPort.postMessage({ type: 'failed', first: message.task.first, message: 'analysis threw' });
});
await import('../../harness/map/parallel/worker.ts');
