import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { devAccount } from '@identree/devchain';
import { createPresentation, issueCredential } from '@identree/sdk';
import { createSiweMessage } from 'viem/siwe';
import { loadConfig } from './config.js';
import type { ChainPort } from '@identree/chain';
import { serviceFixture, type ServiceFixture } from './test/serviceFixture.js';

describe('identity service API', () => {
  let f: ServiceFixture;
  let dataDir: string;
  let chain: ChainPort;
  let app: FastifyInstance;
  const holder = devAccount(1);

  before(async () => {
    f = await serviceFixture();
    ({ dataDir, chain, app } = f);
    await chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    await indexed();
  });
  /** Reads are served from the indexed read model: wait until it has the chain's head. */
  const indexed = async () => assert.ok(await f.worker.indexer.waitFor(await chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000), 'indexer caught up');
  after(async () => {
    await f?.stop();
  });

  const loginAs = async (account: typeof holder) => {
    const { nonce } = (await app.inject({ method: 'POST', url: '/auth/nonce' })).json();
    const publicUrl = new URL(loadConfig({ DATA_DIR: dataDir }).publicUrl);
    const message = createSiweMessage({
      domain: publicUrl.host, uri: publicUrl.origin, address: account.address, chainId: chain.chainId, nonce, version: '1', issuedAt: new Date(),
    });
    const login = await app.inject({ method: 'POST', url: '/auth/login', payload: { message, signature: await account.signMessage({ message }) } });
    return login.json().accessToken as string;
  };

  it('logs a holder in with Sign-In with Ethereum and serves who they are', async () => {
    const { nonce } = (await app.inject({ method: 'POST', url: '/auth/nonce' })).json();
    const publicUrl = new URL(loadConfig({ DATA_DIR: dataDir }).publicUrl);
    const message = createSiweMessage({
      domain: publicUrl.host, uri: publicUrl.origin, address: holder.address, chainId: chain.chainId, nonce, version: '1', issuedAt: new Date(),
    });
    const login = await app.inject({ method: 'POST', url: '/auth/login', payload: { message, signature: await holder.signMessage({ message }) } });
    assert.equal(login.statusCode, 200, login.body);
    const { accessToken, role } = login.json();
    assert.equal(role, 'Person');
    const me = await app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${accessToken}` } });
    assert.deepEqual(me.json(), { address: holder.address, role: 'Person', kind: 'Person', status: 'Active' });
    assert.equal((await app.inject({ method: 'GET', url: '/me' })).statusCode, 401);
  });

  it('stores blobs under the CID kubo would give them', async () => {
    const token = await loginAs(holder);
    const put = await app.inject({ method: 'POST', url: '/blobs', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, payload: Buffer.from('hello world') });
    assert.equal(put.statusCode, 201, put.body);
    assert.equal(put.json().cid, 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    const get = await app.inject({ method: 'GET', url: `/blobs/${put.json().cid}` });
    assert.equal(get.body, 'hello world');
    assert.equal((await app.inject({ method: 'GET', url: '/blobs/not-a-cid-at-all' })).statusCode, 400);
    assert.equal((await app.inject({ method: 'POST', url: '/blobs', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from('x') })).statusCode, 401);
  });

  it('reports health with the chain and registry it uses', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().registry.toLowerCase(), chain.registry.toLowerCase());
  });

  it('serves an entity, 404 for an unknown one, 400 naming a malformed address', async () => {
    const ok = await app.inject({ method: 'GET', url: `/entities/${holder.address}` });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().kind, 'Person');
    const missing = await app.inject({ method: 'GET', url: `/entities/${devAccount(7).address}` });
    assert.equal(missing.statusCode, 404);
    const bad = await app.inject({ method: 'GET', url: '/entities/0x1234' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /params\.address/);
  });

  it('resolves DIDs, refuses a malformed one with 400, and another method with 404', async () => {
    const res = await app.inject({ method: 'GET', url: `/dids/did:identree:${chain.chainId}:${holder.address}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().didDocument.id, `did:identree:${chain.chainId}:${holder.address}`);
    assert.equal((await app.inject({ method: 'GET', url: `/dids/did:identree:${chain.chainId}:0x1234` })).statusCode, 400);
    assert.equal((await app.inject({ method: 'GET', url: '/dids/did:example:123' })).statusCode, 404);
    assert.equal(res.json().didDocumentMetadata.versionId, '1');
    // The context the document names for its own properties is served here, and expands them.
    const contextUrl = res.json().didDocument['@context'][2] as string;
    const context = await app.inject({ method: 'GET', url: new URL(contextUrl).pathname });
    assert.equal(context.statusCode, 200);
    assert.match(context.headers['content-type'] as string, /application\/ld\+json/);
    assert.ok(context.json()['@context'].identree['@context'].registrar);
    const lower = await app.inject({ method: 'GET', url: `/dids/did:identree:${chain.chainId}:${holder.address.toLowerCase()}` });
    assert.equal(lower.statusCode, 400);
    assert.equal(lower.json().message, `params.did: Invalid DID "did:identree:${chain.chainId}:${holder.address.toLowerCase()}": the address must be EIP-55 checksummed (${holder.address})`);
    const badTime = await app.inject({ method: 'GET', url: `/dids/did:identree:${chain.chainId}:${holder.address}?versionTime=soon` });
    assert.equal(badTime.statusCode, 400);
    assert.match(badTime.json().message, /^querystring\.versionTime: .*"soon" is not an ISO 8601 date-time/);
  });

  it('serves ERC-721 metadata for an identity token, 400 naming a malformed token id, 404 for none', async () => {
    const tokenId = BigInt(holder.address).toString(10);
    const res = await app.inject({ method: 'GET', url: `/tokens/${tokenId}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().external_url, `did:identree:${chain.chainId}:${holder.address}`);
    assert.deepEqual(res.json().attributes.slice(0, 2), [{ trait_type: 'Kind', value: 'Person' }, { trait_type: 'Status', value: 'Active' }]);
    const bad = await app.inject({ method: 'GET', url: '/tokens/0x12' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /^params\.tokenId must be a decimal uint160/);
    assert.equal((await app.inject({ method: 'GET', url: `/tokens/${(1n << 160n).toString()}` })).statusCode, 400);
    assert.equal((await app.inject({ method: 'GET', url: '/tokens/7' })).statusCode, 404);
  });

  it('verifies a presentation once and rejects its replay', async () => {
    const vc = await issueCredential(chain.sponsor, {
      registry: chain.registry, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
    const audience = 'https://bank.example';
    const { nonce } = (await app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience } })).json();
    const presentation = await createPresentation({ holder, audience, nonce, disclose: [{ credential: vc, attributes: ['ageOver18'] }] });
    const verify = () => app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience, presentation, policy: { minLevel: 'GovernmentCertified' } } });
    const first = (await verify()).json();
    assert.equal(first.valid, true, JSON.stringify(first.reasons));
    assert.deepEqual(first.credentials[0].disclosed, { ageOver18: true });
    const again = (await verify()).json();
    assert.equal(again.valid, false);
    assert.deepEqual(again.reasons.map((r: { code: string }) => r.code), ['nonce_replayed']);
    await indexed();
    const credential = await app.inject({ method: 'GET', url: `/credentials/${vc.proof.uid}` });
    assert.equal(credential.json().level, 'GovernmentCertified');
  });

  it('binds a verdict to the challenge the verifier names, and names the one answered', async () => {
    const vc = await issueCredential(chain.sponsor, {
      registry: chain.registry, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
    const audience = 'https://bank.example';
    const challenge = async () => (await app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience } })).json().nonce as `0x${string}`;
    // A presentation made for one live challenge (harvested earlier, say), submitted in a session that asked another.
    const answered = await challenge();
    const asked = await challenge();
    const presentation = await createPresentation({ holder, audience, nonce: answered, disclose: [{ credential: vc, attributes: ['ageOver18'] }] });
    const verify = (nonce: string) => app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience, presentation, nonce } });
    const mismatched = await verify(asked);
    assert.equal(mismatched.statusCode, 200);
    assert.deepEqual(mismatched.json().reasons.map((r: { code: string }) => r.code), ['nonce_mismatch']);
    const malformed = await verify('0x1234');
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.json().message, /nonce/);
    // Neither refusal used the nonce up: the presentation still answers its own challenge, once.
    const matched = (await verify(answered)).json();
    assert.equal(matched.valid, true, JSON.stringify(matched.reasons));
    assert.equal(matched.nonce, answered);
    assert.deepEqual((await verify(answered)).json().reasons.map((r: { code: string }) => r.code), ['nonce_replayed']);
  });

  it('issues presentation nonces that last PRESENTATION_NONCE_TTL (default 300 s)', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience: 'https://bank.example' } });
    assert.equal(res.statusCode, 200);
    const { nonce, expiresAt } = res.json();
    assert.match(nonce, /^0x[0-9a-f]{64}$/);
    assert.ok(expiresAt >= before + 300 && expiresAt <= Math.floor(Date.now() / 1000) + 300, `expiresAt ${expiresAt}, issued at ${before}`);
  });

  it('answers a malformed presentation with 400 naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience: 'a', presentation: { type: 'nope' } } });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().message, /presentation/);
  });

  it('rejects an oversized body', async () => {
    const res = await app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience: 'x'.repeat(70_000) } });
    assert.equal(res.statusCode, 413);
  });

  it('never answers 5xx to random or hostile JSON on any route', async () => {
    const token = await loginAs(holder);
    // Every route the service has, read from Fastify itself so a new route cannot be forgotten.
    const routes = app.printRoutes({ commonPrefix: false, includeHooks: false });
    const listed: [string, string][] = [];
    for (const line of routes.split('\n')) {
      const m = /([/\w.:-]+) \(([A-Z, ]+)\)/.exec(line.replace(/^[\s│├└─]+/, ''));
      if (m) for (const method of m[2]!.split(', ')) if (method !== 'HEAD' && !m[1]!.startsWith('/docs')) listed.push([method, m[1]!]);
    }
    assert.ok(listed.length >= 20, `found ${listed.length} routes in:\n${routes}`);
    const hostile = fc.oneof(
      fc.json(),
      fc.constantFrom('{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '[]', 'null', '"', '{"audience":{"$gt":""}}', '\u0000', '{"signedTransaction":"0x02"}', '{"holder":"0x0000000000000000000000000000000000000000","uid":"0x00","deadline":-1,"signature":"0x"}',
        // Near-valid bodies of the prepare routes: well-formed, so they reach the SDK and the chain.
        '{"entity":"0x0000000000000000000000000000000000000001","kind":"Person"}', '{"entity":"0x0000000000000000000000000000000000000001","kind":"None"}',
        '{"subject":"0x0000000000000000000000000000000000000001","credentialType":255,"commitment":"0x0000000000000000000000000000000000000000000000000000000000000000","validFrom":4294967295,"validUntil":0}',
        '{"name":"\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000","rules":{"sourceType":255}}',
        '{"name":"ééééééééééééééééééééé"}', '{"holder":"0x0000000000000000000000000000000000000001","uid":"0x0000000000000000000000000000000000000000000000000000000000000001","deadline":1e300}',
        '{"identity":"0x0000000000000000000000000000000000000001","guardian":"0x0000000000000000000000000000000000000001","threshold":255}'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...listed), hostile, fc.string({ maxLength: 80 }), fc.boolean(), async ([method, route], body, segment, authed) => {
        const url = route.replace(/:[a-zA-Z]+/g, () => encodeURIComponent(segment) || 'x') + (segment.includes('=') ? `?${segment}` : '');
        const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': 'fuzz-key-0001' };
        if (authed) headers.authorization = `Bearer ${token}`;
        const res = await app.inject({ method: method as 'GET', url, headers, ...(method === 'POST' ? { payload: body } : {}) });
        assert.ok(res.statusCode < 500, `${method} ${url} answered ${res.statusCode}: ${res.body}`);
        // A malformed request names what was wrong: the field, for a body that breaks the schema.
        if (res.statusCode === 400) {
          // The OID4VCI and OpenID Connect endpoints answer as OAuth does (error, error_description); every other route as the error table does.
          const { error, message: own, error_description: oauth } = res.json();
          const message = route.startsWith('/oid4vci/') || route.startsWith('/oidc/') ? oauth ?? own : own;
          assert.ok(typeof error === 'string' && typeof message === 'string' && message.length > 0, res.body);
          if (error === 'invalid_request') assert.match(message, /^(body|params|querystring|headers)\b|^Invalid parameter "\w+"/, `${method} ${url}: ${message}`);
        }
      }),
      { numRuns: 600 },
    );
  });
});
