// Worker-thread entry: builds the batches the main thread asks for, in the order asked.
import { parentPort } from 'node:worker_threads';
import { buildBatches, type BatchJob } from './buildBatches.js';

// Building is async when it writes blobs, so jobs are chained: the pool expects each worker to
// answer in the order it was asked. A failure rejects unhandled, which ends the worker with an
// 'error' event the pool reports.
let previous: Promise<void> = Promise.resolve();
parentPort!.on('message', (job: BatchJob) => {
  previous = previous.then(async () => parentPort!.postMessage({ built: await buildBatches(job) }));
});
