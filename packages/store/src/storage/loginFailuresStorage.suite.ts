import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Storage } from './types.js';

const minutes = (n: number) => new Date(Date.UTC(2026, 11, 6, 2, n));

/** Failed logins per subject: the behaviour every adapter keeps, run by the shared storage suite. */
export function loginFailuresStorageTests(open: () => Promise<Storage>) {
  it('counts every one of twenty concurrent failures: none is lost to a read-then-write', async () => {
    const storage = await open();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => storage.loginFailures.record('0xaa', { at: minutes(1 + (i % 3)), since: minutes(0) })));
    assert.equal((await storage.loginFailures.count('0xaa', { since: minutes(0) })).count, 20);
    // Each answer counts at least its own failure, and the last one to land counts them all.
    assert.ok(answers.every((a) => a.count >= 1 && a.count <= 20));
    assert.equal(Math.max(...answers.map((a) => a.count)), 20);
  });

  it('counts only the window, answers its oldest failure, and forgets older ones as it records', async () => {
    const storage = await open();
    await storage.loginFailures.record('0xbb', { at: minutes(1), since: minutes(0) });
    await storage.loginFailures.record('0xbb', { at: minutes(5), since: minutes(0) });
    assert.deepEqual(await storage.loginFailures.count('0xbb', { since: minutes(0) }), { count: 2, oldest: minutes(1) });
    assert.deepEqual(await storage.loginFailures.count('0xbb', { since: minutes(2) }), { count: 1, oldest: minutes(5) });
    assert.deepEqual(await storage.loginFailures.record('0xbb', { at: minutes(20), since: minutes(5) }), { count: 2, oldest: minutes(5) });
    // The failure at minute 1 is gone, not only outside the window.
    assert.deepEqual(await storage.loginFailures.count('0xbb', { since: minutes(0) }), { count: 2, oldest: minutes(5) });
  });

  it('keeps subjects apart and clears one subject only', async () => {
    const storage = await open();
    await storage.loginFailures.record('0xcc', { at: minutes(1), since: minutes(0) });
    await storage.loginFailures.record('0xdd', { at: minutes(1), since: minutes(0) });
    await storage.loginFailures.clear('0xcc');
    assert.deepEqual(await storage.loginFailures.count('0xcc', { since: minutes(0) }), { count: 0, oldest: null });
    assert.equal((await storage.loginFailures.count('0xdd', { since: minutes(0) })).count, 1);
  });
}
