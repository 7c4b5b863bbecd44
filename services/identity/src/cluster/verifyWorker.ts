// A verification thread: parses, validates and verifies POST /presentations/verify bodies (the
// CPU-bound part of the route) off the HTTP thread. Nonces stay with the thread that owns the
// database (see verifyPool.ts); chain status comes from this thread's own short-lived cache.
import { parentPort, workerData } from 'node:worker_threads';
import { createPublicClient, http } from 'viem';
import { cachedStatusSource, chainStatusSource, type NonceStore } from '@identree/sdk';
import { presentationBodyVerifier } from '../presentations/presentationBodyVerifier.js';
import { warmUpVerifier } from './warmUpVerifier.js';
import type { FromPool, ToPool, VerifyThreadData } from './verifyPool.js';

const { chainId, rpcUrl, statusTtlMs } = workerData as VerifyThreadData;
const port = parentPort!;
const status = cachedStatusSource(chainStatusSource({ [chainId]: createPublicClient({ transport: http(rpcUrl) }) as never }), { ttlMs: statusTtlMs });

const consumes = new Map<number, { resolve: (won: boolean) => void; reject: (e: Error) => void }>();
let nextConsume = 0;
const post = (message: ToPool) => port.postMessage(message);

/** Asks the owning thread; its store is the single source of truth for every thread. */
const nonces: NonceStore = {
  issue: () => Promise.reject(new Error('verification threads do not issue nonces')),
  consume: (audience, nonce) =>
    new Promise((resolve, reject) => {
      const id = nextConsume++;
      consumes.set(id, { resolve, reject });
      post({ t: 'consume', id, audience, nonce });
    }),
};
const verifyBody = presentationBodyVerifier({ nonces, status });

// Requests that arrive meanwhile wait in the port: it delivers nothing until the listener below.
await warmUpVerifier();
port.on('message', (m: FromPool) => {
  if (m.t === 'consumed') {
    const waiter = consumes.get(m.id)!;
    consumes.delete(m.id);
    if (m.error === undefined) waiter.resolve(m.won);
    else waiter.reject(new Error(m.error));
    return;
  }
  // presentationBodyVerifier answers every failure as an outcome; it does not reject.
  void verifyBody(m.body).then((outcome) => post({ t: 'outcome', id: m.id, outcome }));
});
post({ t: 'ready' });
