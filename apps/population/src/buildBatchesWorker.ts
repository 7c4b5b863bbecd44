// Worker-thread entry: builds the batches the main thread asks for, in the order asked.
import { parentPort } from 'node:worker_threads';
import { buildBatches, type BatchJob } from './buildBatches.js';

parentPort!.on('message', (job: BatchJob) => parentPort!.postMessage({ built: buildBatches(job) }));
