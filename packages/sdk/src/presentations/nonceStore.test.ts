import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryNonceStore } from './nonceStore.js';

describe('MemoryNonceStore', () => {
  it('answers true once per issued nonce, only for its audience and only before it expires', async () => {
    let clock = 0;
    const store = new MemoryNonceStore({ now: () => clock });
    const a = await store.issue('bank.example', 10);
    const b = await store.issue('bank.example', 10);
    assert.equal(await store.consume('shop.example', a), false, 'another audience');
    assert.equal(await store.consume('bank.example', a.toUpperCase().replace('0X', '0x') as `0x${string}`), true, 'case-insensitive hex');
    assert.equal(await store.consume('bank.example', a), false, 'spent');
    clock = 10_000;
    assert.equal(await store.consume('bank.example', b), false, 'expired');
  });

  it('of concurrent consumes of one nonce, exactly one wins', async () => {
    const store = new MemoryNonceStore();
    const nonce = await store.issue('bank.example', 10);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.consume('bank.example', nonce)));
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('sweeps expired nonces as it grows, so memory stays bounded by the live ones', async () => {
    let clock = 0;
    const store = new MemoryNonceStore({ now: () => clock });
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 1_000; i++) await store.issue('bank.example', 1);
      clock += 1_001; // everything issued so far has expired
    }
    // 20,000 issued, at most ~2× the 1,000 live at any time (plus the floor of 1,024) remain.
    assert.ok(store.size <= 2_048, `held ${store.size}`);
    const live = await store.issue('bank.example', 1);
    assert.equal(await store.consume('bank.example', live), true);
  });

  it('refuses a lifetime that is not a positive number', async () => {
    const store = new MemoryNonceStore();
    for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) await assert.rejects(store.issue('bank.example', ttl), RangeError);
  });
});
