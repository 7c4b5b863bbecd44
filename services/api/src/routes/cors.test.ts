import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

describe('CORS', () => {
  let f: ServiceFixture;
  before(async () => {
    f = await serviceFixture({ CORS_ORIGINS: 'https://wallet.example.org, http://localhost:5173' });
  });
  after(() => f.stop());

  it('answers a configured origin\'s preflight for an authenticated write', async () => {
    const res = await f.app.inject({
      method: 'OPTIONS', url: '/transactions',
      headers: { origin: 'https://wallet.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
    });
    assert.equal(res.statusCode, 204, res.body);
    assert.equal(res.headers['access-control-allow-origin'], 'https://wallet.example.org');
    assert.match(String(res.headers['access-control-allow-headers']), /idempotency-key/);
    assert.match(String(res.headers['access-control-allow-methods']), /POST/);
  });

  it('lets a configured origin read an answer, and tells no other origin it may', async () => {
    const allowed = await f.app.inject({ method: 'POST', url: '/auth/nonce', headers: { origin: 'http://localhost:5173' } });
    assert.equal(allowed.headers['access-control-allow-origin'], 'http://localhost:5173');
    const other = await f.app.inject({ method: 'POST', url: '/auth/nonce', headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });
});
