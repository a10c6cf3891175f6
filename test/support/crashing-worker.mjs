// An analysis worker that dies (exit code 3, no error) as soon as it is handed a batch holding a
// file whose name contains "CRASH", before analysing anything of it; otherwise the real worker.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
parentPort.on('message', (task) => {
  if (task.files.some((file) => file.includes('CRASH'))) process.exit(3);
});
await import('../../harness/map/parallel/worker.ts');
