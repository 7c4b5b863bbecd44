// A verification thread: parses, validates and verifies POST /presentations/verify bodies (the
// CPU-bound part of the route) off the HTTP thread. Nonces stay with the thread that owns the
// database (see verifyPool.ts); chain status comes from this thread's own short-lived cache.
import { parentPort, workerData } from 'node:worker_threads';
import { createPublicClient, http } from 'viem';
import { cachedStatusSource, chainStatusSource } from '@identree/sdk';
import { presentationBodyVerifier } from '../presentations/presentationBodyVerifier.js';
import { warmUpVerifier } from './warmUpVerifier.js';
import type { FromPool, ToPool, VerifyThreadData } from './verifyPool.js';

const { chainId, rpcUrl, registry, statusTtlMs } = workerData as VerifyThreadData;
const port = parentPort!;
const status = cachedStatusSource(chainStatusSource({ [chainId]: { client: createPublicClient({ transport: http(rpcUrl) }) as never, registries: [registry] } }), { ttlMs: statusTtlMs });

const post = (message: ToPool) => port.postMessage(message);
// Nonces stay with the thread that owns the store: a verdict that would be valid comes back with
// its nonce still to consume (see presentationBodyVerifier's deferNonce), one message each way.
const verifyBody = presentationBodyVerifier({ status, deferNonce: true });

// Requests that arrive meanwhile wait in the port: it delivers nothing until the listener below.
await warmUpVerifier();
// The first chain read of a thread loads the HTTP client and opens its connection, a few hundred
// milliseconds in which every verification queued behind it waits: done here instead, through the
// same reads a verification makes (the holder registry's address is then cached for good). A
// chain that is down now is no reason not to start: the first verification reads again.
await status.currentKey({ chainId, registry, identity: registry }).catch(() => undefined);
port.on('message', (m: FromPool) => {
  // presentationBodyVerifier answers every failure as an outcome; it does not reject.
  void verifyBody(m.body).then((outcome) => post({ t: 'outcome', id: m.id, outcome }));
});
post({ t: 'ready' });
