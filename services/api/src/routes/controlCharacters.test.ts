import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// Issue 23 §3: a NUL byte in `audience` answered 500 (PostgreSQL refuses NUL in text) and, batched
// with other clients' nonces, failed theirs too. Every text field now refuses control characters.
describe('control characters in text fields', () => {
  let f: ServiceFixture;
  const apps: Record<string, FastifyInstance> = {};
  before(async () => {
    f = await serviceFixture();
    apps['on the HTTP thread'] = f.app;
    apps['on a verification thread'] = await f.mount({ verifyThreads: 1 });
  });
  after(async () => f?.stop());

  it('answers 400 naming body.audience for a NUL byte on POST /presentations/nonce', async () => {
    const res = await f.app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience: 'https://bank.example\u0000' } });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json(), { error: 'invalid_request', message: 'body.audience must not contain control characters' });
  });

  it('answers 400 naming the field on POST /presentations/verify, on either thread', async () => {
    for (const [where, app] of Object.entries(apps)) {
      const res = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience: 'a\u0000', presentation: {} } });
      // The schema refuses the empty presentation first, or the audience: either way a 400 naming a field, never a 500.
      assert.equal(res.statusCode, 400, `${where}: ${res.body}`);
      assert.match(res.json().message, /^body\.(audience|presentation)\b/, where);
      const nested = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience: 'https://bank.example', policy: { requiredAttributes: ['given\u0007Name'] }, presentation: {} } });
      assert.equal(nested.statusCode, 400, `${where}: ${nested.body}`);
    }
  });

  it('refuses every C0 and C1 control and DEL, in nested fields, property names, the query string and the path', async () => {
    for (const code of [0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x9f]) {
      const c = String.fromCharCode(code);
      const res = await f.app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience: `https://bank${c}.example` } });
      assert.deepEqual([res.statusCode, res.json().message], [400, 'body.audience must not contain control characters'], `U+${code.toString(16)}`);
    }
    const key = await f.app.inject({ method: 'POST', url: '/presentations/nonce', payload: { [`audience\u0000`]: 'x' } });
    assert.deepEqual([key.statusCode, key.json().message], [400, 'body must not contain control characters in property names']);
    const query = await f.app.inject({ method: 'GET', url: '/audit/proof?transactionHash=0x%00&logIndex=1' });
    assert.equal(query.statusCode, 400, query.body);
    assert.match(query.json().message, /^querystring\.transactionHash must not contain control characters/);
    const form = await f.app.inject({ method: 'POST', url: '/oid4vci/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code&pre-authorized_code=abc%00def' });
    assert.equal(form.statusCode, 400, form.body);
    assert.equal(form.json().error, 'invalid_request');
    const path = await f.app.inject({ method: 'GET', url: '/dids/did%3Aethr%3A%00' });
    assert.equal(path.statusCode, 400, path.body);
    assert.match(path.json().message, /^params\.\w+ must not contain control characters/);
  });

  it('keeps text without controls, including non-Latin letters, and the line breaks of a signed sign-in message', async () => {
    const res = await f.app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience: 'https://banco-ñandú.example/日本' } });
    assert.equal(res.statusCode, 200, res.body);
    const { privateKeyToAccount, generatePrivateKey } = await import('viem/accounts');
    assert.match(await f.login(privateKeyToAccount(generatePrivateKey())), /^ey/);
  });

  it('answers every honest nonce request while a client sends NUL audiences in the same instant', async () => {
    const honest = Array.from({ length: 60 }, (_, i) => f.app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience: `https://verifier-${i % 5}.example` } }));
    const hostile = Array.from({ length: 10 }, () => f.app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience: '\u0000' } }));
    const [honestReplies, hostileReplies] = await Promise.all([Promise.all(honest), Promise.all(hostile)]);
    assert.deepEqual(honestReplies.map((r) => r.statusCode), honest.map(() => 200));
    assert.deepEqual(hostileReplies.map((r) => r.statusCode), hostile.map(() => 400));
  });
});
