import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// Every sign-in starts with POST /auth/nonce, limited per client address. A registry office or a
// campus behind one address needs more than the default 30 a minute, and a load test needs none:
// RATE_LIMIT_SIGNINS_PER_CLIENT sets it, 0 turns it off.
const nonce = (f: ServiceFixture, remoteAddress: string) => f.app.inject({ method: 'POST', url: '/auth/nonce', remoteAddress });

describe('RATE_LIMIT_SIGNINS_PER_CLIENT', () => {
  describe('set to 3', () => {
    let f: ServiceFixture;
    before(async () => { f = await serviceFixture({ RATE_LIMIT_WINDOW: '60', RATE_LIMIT_SIGNINS_PER_CLIENT: '3' }); });
    after(async () => f?.stop());

    it('answers the fourth sign-in nonce from one address 429 with Retry-After, and serves another address', async () => {
      const replies = [];
      for (let i = 0; i < 4; i++) replies.push(await nonce(f, '203.0.113.80'));
      assert.deepEqual(replies.map((r) => r.statusCode), [200, 200, 200, 429]);
      assert.equal(replies[3].json().error, 'rate_limited');
      assert.match(String(replies[3].headers['retry-after']), /^[1-9][0-9]*$/);
      assert.equal((await nonce(f, '198.51.100.80')).statusCode, 200);
    });
  });

  describe('set to 0', () => {
    let f: ServiceFixture;
    before(async () => { f = await serviceFixture({ RATE_LIMIT_SIGNINS_PER_CLIENT: '0' }); });
    after(async () => f?.stop());

    it('serves sixty sign-in nonces from one address, twice the default limit', async () => {
      const replies = await Promise.all(Array.from({ length: 60 }, () => nonce(f, '203.0.113.81')));
      assert.deepEqual(new Set(replies.map((r) => r.statusCode)), new Set([200]));
      assert.equal(new Set(replies.map((r) => r.json().nonce)).size, 60);
    });
  });

  describe('behind a proxy named by TRUST_PROXY', () => {
    let trusting: ServiceFixture;
    let direct: ServiceFixture;
    before(async () => {
      trusting = await serviceFixture({ RATE_LIMIT_SIGNINS_PER_CLIENT: '2', TRUST_PROXY: '10.0.0.1,192.168.0.0/16' });
      direct = await serviceFixture({ RATE_LIMIT_SIGNINS_PER_CLIENT: '2' });
    });
    after(async () => { await trusting?.stop(); await direct?.stop(); });
    const viaProxy = (f: ServiceFixture, proxy: string, client: string) =>
      f.app.inject({ method: 'POST', url: '/auth/nonce', remoteAddress: proxy, headers: { 'x-forwarded-for': client } });

    it('counts each forwarded client apart when the proxy is trusted, and the proxy as one client when it is not', async () => {
      const clients = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'];
      const trusted = await Promise.all(clients.map((c) => viaProxy(trusting, '10.0.0.1', c)));
      assert.deepEqual(trusted.map((r) => r.statusCode), [200, 200, 200, 200], 'four people behind one trusted proxy');
      const fromSubnet = await Promise.all(clients.map((c) => viaProxy(trusting, '192.168.7.9', c)));
      assert.deepEqual(fromSubnet.map((r) => r.statusCode), [200, 200, 200, 200], 'a proxy in a trusted subnet');
      const untrusted = [];
      for (const c of clients.slice(0, 3)) untrusted.push(await viaProxy(trusting, '203.0.113.9', c));
      assert.deepEqual(untrusted.map((r) => r.statusCode), [200, 200, 429], 'an unlisted address cannot pick its own client address');
      const unset = [];
      for (const c of clients.slice(0, 3)) unset.push(await viaProxy(direct, '10.0.0.1', c));
      assert.deepEqual(unset.map((r) => r.statusCode), [200, 200, 429], 'without TRUST_PROXY, X-Forwarded-For is ignored');
    });
  });
});
