import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryLoginNonceStore } from './memoryLoginNonceStore.js';
import { loginNonceStoreBehaves } from './loginNonceStore.behavior.js';

describe('memory login nonce store', () => {
  loginNonceStoreBehaves(() => createMemoryLoginNonceStore());

  it('drops the oldest outstanding nonces past its bound', async () => {
    const store = createMemoryLoginNonceStore({ maxOutstanding: 2 });
    const first = await store.issue(60_000);
    const second = await store.issue(60_000);
    const third = await store.issue(60_000);
    assert.equal(await store.consume(first.nonce), false);
    assert.equal(await store.consume(second.nonce), true);
    assert.equal(await store.consume(third.nonce), true);
  });

  it('expires nonces by its clock', async () => {
    let now = 1_000_000;
    const store = createMemoryLoginNonceStore({ now: () => now });
    const { nonce, expiresAt } = await store.issue(5 * 60_000);
    assert.equal(expiresAt.getTime(), 1_000_000 + 5 * 60_000);
    now += 5 * 60_000;
    assert.equal(await store.consume(nonce), false);
  });

  it('refuses a time to live that is not a positive number', async () => {
    const store = createMemoryLoginNonceStore();
    await assert.rejects(store.issue(0), RangeError);
    await assert.rejects(store.issue(Number.NaN), RangeError);
  });
});
