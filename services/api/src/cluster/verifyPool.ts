import { Worker } from 'node:worker_threads';
import type { Address } from 'viem';
import { nonceReplayedVerdict, type NonceStore } from '@identree/sdk';
import { replayedAccess } from '../consent/presentationAccess.js';
import { ServiceError } from '../errors.js';
import { failedOutcome, serializeVerdict, type BodyOutcome, type RequestBody } from '../presentations/presentationBodyVerifier.js';

/** `registry`: the one registry whose credentials this service verifies (see chainStatusSource). */
export type VerifyThreadData = { chainId: number; rpcUrl: string; registry: Address; statusTtlMs: number };
/** Pool → thread. */
export type FromPool = { t: 'verify'; id: number; body: RequestBody };
/** Thread → pool. */
export type ToPool = { t: 'ready' } | { t: 'outcome'; id: number; outcome: BodyOutcome };

type Waiter = { resolve: (o: BodyOutcome | Promise<BodyOutcome>) => void; reject: (e: Error) => void };
type Thread = { worker: Worker; online: boolean; inFlight: Map<number, Waiter> };

/**
 * A worker thread running `module` (a URL next to the caller). From TypeScript sources it starts
 * through tsThread.mjs, which loads the module with tsx; built to JavaScript, directly.
 */
export function threadOf(module: URL, options: { workerData?: object } = {}): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, options);
  return new Worker(new URL('./tsThread.mjs', import.meta.url), { ...options, workerData: { ...options.workerData, module: module.href } });
}

const entry = new URL(`./verifyWorker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

const unavailable = (why: string, cause?: unknown) => new ServiceError('verification_unavailable', `presentation verification is unavailable (${why}); try again later`, { cause });

/**
 * Verification on `threads` worker threads, so one process uses every core for the parsing,
 * validation, signature, hashing and proof work while HTTP and the nonce store stay on the main
 * thread. A request body crosses as the string it arrived as and comes back as a serialized
 * verdict (see presentationBodyVerifier.ts). A thread never consumes a nonce: a verdict valid but
 * for it comes back with the nonce, which `nonces` consumes here, so a nonce is single-use across
 * all threads exactly as it is for one, and a request costs one message each way.
 *
 * Requests wait in one queue here, first come first served, and each thread holds at most `window`
 * of them. Handing a thread its whole share up front would leave requests behind a thread the OS
 * happens to deschedule while the others run dry, and answers would come back out of order: the
 * latency tail under load. The window must be deep enough that a thread keeps working while this
 * thread is busy: a nonce batch runs synchronously on PGlite for up to 2–3.5 ms (100 nonces), and
 * 32 verifications at ~70 µs last about 2 ms, so with 32 the threads ran dry during batches and
 * bench:api kept the CPU busy 1.81–1.86 of 2 cores; with 64, 1.89–1.91 in five runs (128: 1.94, with
 * answers further out of order). Shallow enough to keep answers in order: within each steady
 * second, p99 over p50 was mostly 1.1–1.3 with 32, 1.2–1.6 with 128, and 1.3–1.6 dealing every
 * request out at once.
 * A thread that dies fails only the requests it held, with a 503, and is replaced; the queue
 * waits for it.
 */
export function createVerifyPool({ threads, nonces, window = 64, module = entry, ...data }: VerifyThreadData & {
  threads: number;
  nonces: NonceStore;
  /** Most requests one thread holds at a time. */
  window?: number;
  /** The thread's module; tests swap in a stand-in. */
  module?: URL;
}) {
  let nextId = 0;
  let closing = false;
  const pool: Thread[] = [];
  const queue: { id: number; body: RequestBody; waiter: Waiter }[] = [];
  let queueHead = 0;

  /** A verdict valid but for its nonce becomes valid only if this thread's store consumes the nonce now. */
  const settleNonce = async (outcome: BodyOutcome): Promise<BodyOutcome> => {
    if (outcome.t !== 'verdict' || !outcome.pendingNonce) return outcome;
    const { audience, nonce, holder } = outcome.pendingNonce;
    try {
      if (await nonces.consume(audience, nonce)) return { t: 'verdict', json: outcome.json, access: outcome.access };
      const replayed = nonceReplayedVerdict(holder);
      return { t: 'verdict', json: serializeVerdict(replayed), access: replayedAccess(outcome.access, replayed) };
    } catch (error) {
      return failedOutcome(error);
    }
  };

  const refuseQueued = (why: string) => {
    const waiting = queue.slice(queueHead);
    queue.length = 0;
    queueHead = 0;
    for (const { waiter } of waiting) waiter.reject(unavailable(why));
  };

  /** Hands queued requests, oldest first, to threads with room in their window. */
  const dispatch = () => {
    for (const thread of pool) {
      while (thread.inFlight.size < window && queueHead < queue.length) {
        const { id, body, waiter } = queue[queueHead]!;
        queue[queueHead++] = undefined as never;
        thread.inFlight.set(id, waiter);
        thread.worker.postMessage({ t: 'verify', id, body } satisfies FromPool);
      }
    }
    // Drop the consumed prefix now and then rather than shifting the array on every request.
    if (queueHead > 1_024 && queueHead * 2 > queue.length) {
      queue.splice(0, queueHead);
      queueHead = 0;
    }
  };

  const spawn = (slot = pool.length) => {
    const worker = threadOf(module, { workerData: data satisfies VerifyThreadData });
    const thread: Thread = { worker, online: false, inFlight: new Map() };
    pool[slot] = thread;
    worker.on('message', (m: ToPool) => {
      if (m.t === 'ready') {
        thread.online = true;
        return;
      }
      const waiter = thread.inFlight.get(m.id)!;
      thread.inFlight.delete(m.id);
      dispatch();
      waiter.resolve(settleNonce(m.outcome));
    });
    const fail = (error: Error) => {
      for (const w of thread.inFlight.values()) w.reject(unavailable('a verification thread stopped', error));
      thread.inFlight.clear();
      const at = pool.indexOf(thread);
      if (closing || at < 0) return;
      // A thread that never started would fail again on every respawn: give its slot up instead.
      if (thread.online) spawn(at);
      else {
        pool.splice(at, 1);
        process.emitWarning(`a verification thread failed to start: ${error.message}`);
        // With no thread left, nothing would ever take what is queued.
        if (pool.length === 0) refuseQueued('no verification thread is running');
      }
      dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`verification thread exited with code ${code}`)));
  };
  for (let i = 0; i < threads; i++) spawn();

  return {
    /** Parses, validates and verifies one request body on a thread. */
    verify(body: RequestBody): Promise<BodyOutcome> {
      if (pool.length === 0) return Promise.reject(unavailable('no verification thread is running'));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, body, waiter: { resolve, reject } });
        dispatch();
      });
    },
    /** Requests waiting for a thread, and requests the threads hold. */
    get load() {
      return { queued: queue.length - queueHead, inFlight: pool.reduce((n, t) => n + t.inFlight.size, 0) };
    },
    async close() {
      closing = true;
      refuseQueued('the service is shutting down');
      await Promise.all(pool.map((t) => t.worker.terminate()));
    },
  };
}
export type VerifyPool = ReturnType<typeof createVerifyPool>;
