import { Worker } from 'node:worker_threads';
import { nonceReplayedVerdict, type NonceStore } from '@identree/sdk';
import { ServiceError } from '../errors.js';
import { failedOutcome, serializeVerdict, type BodyOutcome, type RequestBody } from '../presentations/presentationBodyVerifier.js';

export type VerifyThreadData = { chainId: number; rpcUrl: string; statusTtlMs: number };
/** Pool → thread. */
export type FromPool = { t: 'verify'; id: number; body: RequestBody };
/** Thread → pool. */
export type ToPool = { t: 'ready' } | { t: 'outcome'; id: number; outcome: BodyOutcome };

type Thread = { worker: Worker; online: boolean; pending: Map<number, { resolve: (o: BodyOutcome | Promise<BodyOutcome>) => void; reject: (e: Error) => void }> };

/**
 * A worker thread running `module` (a URL next to the caller). From TypeScript sources it starts
 * through tsThread.mjs, which loads the module with tsx; built to JavaScript, directly.
 */
export function threadOf(module: URL, options: { workerData?: object } = {}): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, options);
  return new Worker(new URL('./tsThread.mjs', import.meta.url), { ...options, workerData: { ...options.workerData, module: module.href } });
}

const entry = new URL(`./verifyWorker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

const unavailable = (why: string, cause?: unknown) => new ServiceError(503, 'verification_unavailable', `presentation verification is unavailable (${why}); try again later`, { cause });

/**
 * Verification on `threads` worker threads, so one process uses every core for the parsing,
 * validation, signature, hashing and proof work while HTTP and the nonce store stay on the main
 * thread. A request body crosses as the string it arrived as and comes back as a serialized
 * verdict (see presentationBodyVerifier.ts). A thread never consumes a nonce: a verdict valid but
 * for it comes back with the nonce, which `nonces` consumes here, so a nonce is single-use across
 * all threads exactly as it is for one, and a request costs one message each way. A thread that
 * dies fails its in-flight requests with a 503 and is replaced.
 */
export function createVerifyPool({ threads, nonces, ...data }: VerifyThreadData & { threads: number; nonces: NonceStore }) {
  let nextId = 0;
  let closing = false;
  const pool: Thread[] = [];

  /** A verdict valid but for its nonce becomes valid only if this thread's store consumes the nonce now. */
  const settleNonce = async (outcome: BodyOutcome): Promise<BodyOutcome> => {
    if (outcome.t !== 'verdict' || !outcome.pendingNonce) return outcome;
    const { audience, nonce, holder } = outcome.pendingNonce;
    try {
      return { t: 'verdict', json: (await nonces.consume(audience, nonce)) ? outcome.json : serializeVerdict(nonceReplayedVerdict(holder)) };
    } catch (error) {
      return failedOutcome(error);
    }
  };

  const spawn = (slot = pool.length) => {
    const worker = threadOf(entry, { workerData: data satisfies VerifyThreadData });
    const thread: Thread = { worker, online: false, pending: new Map() };
    pool[slot] = thread;
    worker.on('message', (m: ToPool) => {
      if (m.t === 'ready') {
        thread.online = true;
        return;
      }
      const waiter = thread.pending.get(m.id)!;
      thread.pending.delete(m.id);
      waiter.resolve(settleNonce(m.outcome));
    });
    const fail = (error: Error) => {
      for (const w of thread.pending.values()) w.reject(unavailable('a verification thread stopped', error));
      thread.pending.clear();
      const at = pool.indexOf(thread);
      if (closing || at < 0) return;
      // A thread that never started would fail again on every respawn: give its slot up instead.
      if (thread.online) spawn(at);
      else {
        pool.splice(at, 1);
        process.emitWarning(`a verification thread failed to start: ${error.message}`);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`verification thread exited with code ${code}`)));
  };
  for (let i = 0; i < threads; i++) spawn();

  return {
    /** Parses, validates and verifies one request body on a thread. */
    verify(body: RequestBody): Promise<BodyOutcome> {
      // The thread with the fewest requests in flight: verification cost is uniform, queues are not.
      let thread = pool[0];
      if (!thread) return Promise.reject(unavailable('no verification thread is running'));
      for (const t of pool) if (t.pending.size < thread.pending.size) thread = t;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage({ t: 'verify', id, body } satisfies FromPool);
      });
    },
    async close() {
      closing = true;
      await Promise.all(pool.map((t) => t.worker.terminate()));
    },
  };
}
export type VerifyPool = ReturnType<typeof createVerifyPool>;
