import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryNonceStore } from '@identree/sdk';
import { ServiceError } from '../errors.js';
import { createVerifyPool, type VerifyPool } from './verifyPool.js';

// The pool's dispatch with a stand-in thread module, so order, windows and thread deaths can be
// arranged; verifyPool.test.ts runs the real threads through the service.
describe('verification pool dispatch', () => {
  const pools: VerifyPool[] = [];
  const open = (threads: number, window: number) => {
    const pool = createVerifyPool({
      threads, window, nonces: new MemoryNonceStore(), chainId: 31337, rpcUrl: 'http://127.0.0.1:9', registry: '0x00000000000000000000000000000000000000aa', statusTtlMs: 1_000,
      module: new URL('./testing/stubVerifyWorker.ts', import.meta.url),
    });
    pools.push(pool);
    return pool;
  };
  const request = (pool: VerifyPool, body: object) => pool.verify({ json: JSON.stringify(body) });
  after(() => Promise.all(pools.map((p) => p.close())));

  it('holds at most a window per thread and leaves the rest queued for whichever thread frees first', async () => {
    const threads = 2;
    const window = 2;
    const pool = open(threads, window);
    // Both threads started, so what follows is the pool's doing, not which thread booted first.
    await Promise.all(Array.from({ length: threads * window }, (_, i) => request(pool, { tag: `warm${i}`, busyMs: 20 })));
    const order: number[] = [];
    let mostHeld = 0;
    // Request 0 keeps its thread busy for 400 ms; the other 59 take 0.5 ms each. Dealt out up
    // front, half of them would wait behind request 0; queued here, only one does (its window).
    const answers = Array.from({ length: 60 }, (_, i) =>
      request(pool, { tag: String(i), busyMs: i === 0 ? 400 : 0.5 }).then((o) => {
        mostHeld = Math.max(mostHeld, pool.load.inFlight);
        assert.equal(o.t, 'verdict');
        order.push(Number((o as { json: string }).json));
      }),
    );
    assert.equal(pool.load.inFlight, threads * window, 'each thread is handed a full window at once');
    assert.equal(pool.load.queued, 60 - threads * window);
    await Promise.all(answers);
    assert.deepEqual([...order].sort((a, b) => a - b), Array.from({ length: 60 }, (_, i) => i), 'each request answered once');
    assert.ok(mostHeld <= threads * window, `held ${mostHeld}`);
    const behindTheSlowOne = order.slice(order.indexOf(0) + 1);
    assert.ok(behindTheSlowOne.length <= window - 1, `answered after request 0: ${behindTheSlowOne.join(' ')}`);
    assert.deepEqual(pool.load, { queued: 0, inFlight: 0 });
  });

  it('a thread that dies fails only the requests it held, with a 503, and its replacement serves the queue', async () => {
    const window = 2;
    const pool = open(2, window);
    // Both threads answer once first, so both count as started and the dead one is replaced.
    await Promise.all(Array.from({ length: 4 }, (_, i) => request(pool, { tag: `warm${i}` })));
    const settled = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => request(pool, { tag: String(i), busyMs: 1, die: i === 5 })),
    );
    const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ i, error: s.reason as ServiceError }] : []));
    assert.ok(failed.some((f) => f.i === 5), 'the request that killed its thread fails');
    assert.ok(failed.length <= window, `${failed.length} failed; a thread holds at most ${window}`);
    for (const { error } of failed) {
      assert.ok(error instanceof ServiceError);
      assert.equal(error.statusCode, 503);
      assert.equal(error.code, 'verification_unavailable');
    }
    for (const [i, s] of settled.entries()) if (s.status === 'fulfilled') assert.deepEqual(s.value, { t: 'verdict', json: String(i), access: null });
    assert.ok(settled.filter((s) => s.status === 'fulfilled').length >= 30 - window);
    // The replacement thread keeps serving.
    assert.deepEqual(await request(pool, { tag: 'after' }), { t: 'verdict', json: 'after', access: null });
  });

  it('refuses what is still queued when it closes, instead of leaving callers waiting', async () => {
    const pool = open(1, 1);
    const all = Promise.allSettled(Array.from({ length: 5 }, (_, i) => request(pool, { tag: String(i), busyMs: 20 })));
    await pool.close();
    const settled = await all;
    const queuedOnes = settled.slice(1);
    for (const s of queuedOnes) {
      assert.equal(s.status, 'rejected');
      assert.equal((s as PromiseRejectedResult).reason.statusCode, 503);
    }
  });
});
