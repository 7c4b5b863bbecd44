import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devPrivateKey } from '@identree/devchain';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// Issue 23 §4: one address obtained thousands of nonces a second, one unregistered key stored 60 MB,
// one visitor registered 300 webhooks. Every route that creates state now has limits per client
// address and per account (small ones here, so the test is quick), answered 429 with Retry-After.
describe('request limits on the routes that create state', () => {
  let f: ServiceFixture;
  const flooder = '203.0.113.66';
  const honest = '198.51.100.7';
  before(async () => {
    f = await serviceFixture({
      RATE_LIMIT_WINDOW: '60',
      RATE_LIMIT_NONCES_PER_CLIENT: '5',
      RATE_LIMIT_BLOBS_PER_CLIENT: '6', RATE_LIMIT_BLOBS_PER_IDENTITY: '3',
      RATE_LIMIT_WEBHOOKS_PER_CLIENT: '6', RATE_LIMIT_WEBHOOKS_PER_IDENTITY: '3',
      RATE_LIMIT_SHARES_PER_CLIENT: '6', RATE_LIMIT_SHARES_PER_IDENTITY: '3',
      RATE_LIMIT_WRITES_PER_CLIENT: '6', RATE_LIMIT_WRITES_PER_IDENTITY: '3',
    });
  });
  after(async () => f?.stop());

  const assertLimited = (res: LightMyRequestResponse, what: string) => {
    assert.equal(res.statusCode, 429, `${what}: ${res.body}`);
    assert.equal(res.json().error, 'rate_limited', what);
    assert.match(String(res.headers['retry-after']), /^[1-9][0-9]*$/, `${what}: Retry-After`);
  };

  it('limits presentation nonces per client address; an honest verifier on another address is served during the flood', async () => {
    const nonce = (remoteAddress: string) => f.app.inject({ method: 'POST', url: '/presentations/nonce', remoteAddress, payload: { audience: 'https://bank.example' } });
    // The honest verifier's requests arrive in the middle of the flood.
    const flood = Array.from({ length: 40 }, () => nonce(flooder));
    const served = Array.from({ length: 5 }, () => nonce(honest));
    const [flooded, honestReplies] = await Promise.all([Promise.all(flood), Promise.all(served)]);
    assert.equal(flooded.filter((r) => r.statusCode === 200).length, 5);
    for (const r of flooded.filter((r) => r.statusCode !== 200)) assertLimited(r, 'flooder');
    assert.deepEqual(honestReplies.map((r) => r.statusCode), [200, 200, 200, 200, 200]);
  });

  /** A limited route, per account from many addresses and per address across accounts. */
  const behaves = (name: string, send: (token: string, remoteAddress: string, i: number) => Promise<LightMyRequestResponse>, passes: (res: LightMyRequestResponse) => boolean) => {
    it(`limits ${name} per account across addresses and per address across accounts; others still pass`, async () => {
      const [a, b, c] = await Promise.all([0, 1, 2].map(() => f.login(privateKeyToAccount(generatePrivateKey()))));
      // One account from three addresses: the account's limit (3) holds.
      const fromA = [];
      for (let i = 0; i < 5; i++) fromA.push(await send(a!, `192.0.2.${10 + i}`, i));
      assert.ok(fromA.slice(0, 3).every(passes), `${name}: first three of one account: ${fromA.map((r) => r.statusCode)}`);
      for (const r of fromA.slice(3)) assertLimited(r, `${name}, fourth and fifth of one account`);
      // Accounts B and C behind one address: the address's limit (6) holds over both.
      const shared = [];
      for (let i = 0; i < 4; i++) shared.push(await send(i < 3 ? b! : c!, '203.0.113.67', 10 + i));
      for (let i = 0; i < 3; i++) shared.push(await send(c!, '203.0.113.67', 20 + i));
      assert.ok(shared.slice(0, 6).every(passes), `${name}: six from one address: ${shared.map((r) => r.statusCode)}`);
      assertLimited(shared[6]!, `${name}, seventh from one address`);
      // Someone else, elsewhere, is served.
      const d = await f.login(privateKeyToAccount(generatePrivateKey()));
      assert.ok(passes(await send(d, honest, 99)), `${name}: an honest client`);
    });
  };

  behaves('blobs', (token, remoteAddress, i) => f.app.inject({ method: 'POST', url: '/blobs', remoteAddress, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, payload: Buffer.from(`sealed template ${i}`) }), (r) => r.statusCode === 201);
  behaves('webhook subscriptions', (token, remoteAddress, i) => f.app.inject({ method: 'POST', url: '/webhooks', remoteAddress, headers: { authorization: `Bearer ${token}` }, payload: { url: `http://127.0.0.1:9/hook-${i}`, events: ['grant.revoked'] } }), (r) => r.statusCode === 201);
  // A share for a grant that does not exist is refused (409) after the limit is counted: a refused share still costs the server its work.
  const envelope = (holder: string) => ({ version: 1, contentAlgorithm: 'A256GCM', keyAlgorithm: 'ECIES-secp256k1-HKDF-SHA256-A256GCM', holder, uid: `0x${'11'.repeat(32)}`, cid: 'bafkreiabc', nonce: 'AAAAAAAAAAAAAAAA', recipients: [{ verifier: `0x${'22'.repeat(20)}`, wrappedKey: 'AAAAAAAAAAAAAAAAAAAA' }] });
  behaves('shares', async (token, remoteAddress) => {
    const me = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
    return f.app.inject({ method: 'PUT', url: '/shares', remoteAddress, headers: { authorization: `Bearer ${token}` }, payload: { envelope: envelope(me), ciphertext: 'AAAA' } });
  }, (r) => r.statusCode !== 429 && r.statusCode < 500);
  // A relayed write another holder signed is refused (403) after the limit is counted.
  behaves('writes', (token, remoteAddress, i) => f.app.inject({
    method: 'POST', url: '/grants/revoke', remoteAddress, headers: { authorization: `Bearer ${token}`, 'idempotency-key': `limit-test-${i}-${remoteAddress}` },
    payload: { holder: `0x${'33'.repeat(20)}`, verifier: `0x${'22'.repeat(20)}`, uid: `0x${'11'.repeat(32)}`, deadline: 2_000_000_000, signature: `0x${'ab'.repeat(65)}` },
  }), (r) => r.statusCode === 403);

  it('does not throttle a registered authority\'s own writes: a registry office\'s batch runs at chain speed', async () => {
    const government = privateKeyToAccount(devPrivateKey(0)); // the root authority the chain was deployed with
    const token = await f.login(government);
    const replies = [];
    for (let i = 0; i < 10; i++) {
      replies.push(await f.app.inject({
        method: 'POST', url: '/transactions', remoteAddress: '203.0.113.90',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `authority-batch-${i}` }, payload: { signedTransaction: '0x1234' },
      }));
    }
    // Each is refused for what it is (not a signed transaction), none for the rate.
    assert.deepEqual(replies.map((r) => r.statusCode), Array(10).fill(400));
  });
});
