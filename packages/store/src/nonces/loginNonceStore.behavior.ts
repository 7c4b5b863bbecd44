import { it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoginNonceStore } from './loginNonceStore.js';

/**
 * The contract every {@link LoginNonceStore} adapter keeps. Each adapter's test file calls this
 * inside its own `describe`, with a factory giving an empty store.
 *
 * @example
 * describe('memory login nonce store', () => loginNonceStoreBehaves(() => createMemoryLoginNonceStore()))
 */
export function loginNonceStoreBehaves(createStore: () => LoginNonceStore | Promise<LoginNonceStore>) {
  it('issues alphanumeric nonces of at least 96 bits that EIP-4361 accepts', async () => {
    const store = await createStore();
    const { nonce, expiresAt } = await store.issue(60_000);
    assert.match(nonce, /^[a-zA-Z0-9]+$/);
    // Hex carries 4 bits a character, base62 a little less than 6: 24 hex characters is 96 bits.
    assert.ok(/^[0-9a-f]+$/.test(nonce) ? nonce.length >= 24 : nonce.length >= 17, `nonce ${nonce} is too short`);
    assert.ok(Math.abs(expiresAt.getTime() - (Date.now() + 60_000)) < 5_000);
  });

  it('issues a different nonce each time', async () => {
    const store = await createStore();
    const nonces = await Promise.all(Array.from({ length: 50 }, () => store.issue(60_000)));
    assert.equal(new Set(nonces.map((n) => n.nonce)).size, 50);
  });

  it('accepts an issued nonce once and refuses it afterwards', async () => {
    const store = await createStore();
    const { nonce } = await store.issue(60_000);
    assert.equal(await store.consume(nonce), true);
    assert.equal(await store.consume(nonce), false);
  });

  it('refuses a nonce it never issued', async () => {
    const store = await createStore();
    assert.equal(await store.consume('abcdef0123456789abcdef0123456789'), false);
  });

  it('refuses an expired nonce', async () => {
    const store = await createStore();
    const { nonce } = await store.issue(30);
    await sleep(80);
    assert.equal(await store.consume(nonce), false);
  });

  it('lets exactly one of concurrent consumers win', async () => {
    const store = await createStore();
    const { nonce } = await store.issue(60_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => store.consume(nonce)));
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('keeps nonces independent of each other', async () => {
    const store = await createStore();
    const a = await store.issue(60_000);
    const b = await store.issue(60_000);
    assert.equal(await store.consume(a.nonce), true);
    assert.equal(await store.consume(b.nonce), true);
  });
}
