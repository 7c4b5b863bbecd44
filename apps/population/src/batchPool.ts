import { Worker } from 'node:worker_threads';
import type { BatchJob, BuiltBatches } from './buildBatches.js';

export type BatchPool = {
  /** The next batch, in job order. Jobs run ahead of the caller, at most `lookahead` at a time. */
  next: () => Promise<BuiltBatches>;
  close: () => Promise<void>;
};

type Pending = { resolve: (built: BuiltBatches) => void; reject: (error: Error) => void };

/**
 * Builds batches on worker threads while the main thread talks to the chain. Hashing dominates the
 * simulation's time, so overlapping it with the anchors (and using every core) is most of the speed.
 * Job k always goes to worker k mod n, which answers its jobs in order: no shared queue to get wrong.
 */
export function batchPool({ jobs, workers, lookahead = workers + 1 }: { jobs: BatchJob[]; workers: number; lookahead?: number }): BatchPool {
  // tsx registers its loader per thread, so a worker written in TypeScript registers it first.
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./buildBatchesWorker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const pending: Pending[][] = Array.from({ length: workers }, () => []);
  const threads = pending.map((queue) => {
    const worker = new Worker(bootstrap, { eval: true });
    const failAll = (error: Error) => queue.splice(0).forEach((p) => p.reject(error));
    // Only tagged messages are results: anything else a library posts on the port is not ours.
    worker.on('message', (message: { built?: BuiltBatches }) => message?.built && queue.shift()?.resolve(message.built));
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`batch worker exited with code ${code}`)));
    return worker;
  });

  const results: Promise<BuiltBatches>[] = [];
  const submit = () => {
    while (results.length < jobs.length && results.length < taken + lookahead) {
      const k = results.length;
      const result = new Promise<BuiltBatches>((resolve, reject) => pending[k % workers].push({ resolve, reject }));
      // Handled when taken; this only keeps an early failure from being reported as unhandled.
      result.catch(() => {});
      threads[k % workers].postMessage(jobs[k]);
      results.push(result);
    }
  };
  let taken = 0;
  submit();

  return {
    next: () => {
      if (taken >= jobs.length) return Promise.reject(new Error('no batches left'));
      const k = taken++;
      submit();
      return results[k];
    },
    close: async () => {
      threads.forEach((t) => t.removeAllListeners('exit'));
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
