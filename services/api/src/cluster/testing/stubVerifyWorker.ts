// A stand-in verification thread for the pool's tests: each body is JSON naming a tag to answer
// with, how long to keep the thread busy, and whether to kill the thread instead of answering.
import { parentPort } from 'node:worker_threads';
import type { FromPool, ToPool } from '../verifyPool.js';

const port = parentPort!;
port.on('message', (m: FromPool) => {
  const { tag, busyMs = 0, die = false } = JSON.parse('json' in m.body ? m.body.json : '{}') as { tag: string; busyMs?: number; die?: boolean };
  if (die) process.exit(3);
  const until = performance.now() + busyMs;
  while (performance.now() < until);
  port.postMessage({ t: 'outcome', id: m.id, outcome: { t: 'verdict', json: tag, access: null } } satisfies ToPool);
});
port.postMessage({ t: 'ready' } satisfies ToPool);
