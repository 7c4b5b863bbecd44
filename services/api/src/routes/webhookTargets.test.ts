import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

describe('webhook subscriptions on a service that serves a network', () => {
  let f: ServiceFixture;
  let token: string;
  before(async () => {
    f = await serviceFixture({ WEBHOOK_ALLOW_PRIVATE: 'false' });
    token = await f.login(privateKeyToAccount(generatePrivateKey()));
  });
  after(() => f.stop());

  const subscribe = (url: string) =>
    f.app.inject({ method: 'POST', url: '/webhooks', headers: { authorization: `Bearer ${token}` }, payload: { url, events: ['grant.revoked'] } });

  it('refuses a private, loopback or metadata address, naming the field, and stores nothing', async () => {
    for (const url of ['http://10.1.2.3/hook', 'http://127.0.0.1:5432/', 'http://169.254.169.254/latest/meta-data', 'http://localhost:8080/hook']) {
      const res = await subscribe(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.match(res.json().message, /body\.url/);
    }
    const list = await f.app.inject({ method: 'GET', url: '/webhooks', headers: { authorization: `Bearer ${token}` } });
    assert.deepEqual(list.json().subscriptions, []);
  });

  it('accepts a public name', async () => {
    const res = await subscribe('https://hooks.bank.example/identree');
    assert.equal(res.statusCode, 201, res.body);
  });
});
