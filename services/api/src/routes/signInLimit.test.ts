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
});
