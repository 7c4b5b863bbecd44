import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, createWalletClient, http, parseEther, publicActions, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { commitAttributes, CredentialType, logAccess, signGrantAccess, signRevokeAccess, type RegistryClient } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// Issue 23 §4 (deliveries per event) and §5: credential.reissued told verifiers whose grant was
// revoked, and anyone could add entries to any holder's access log.
describe('verifiers with a live grant and with a revoked one: webhooks and the access log', () => {
  let f: ServiceFixture;
  let client: RegistryClient;
  const holder = privateKeyToAccount(generatePrivateKey());
  const [live, revoked, stranger] = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey()));
  let holderToken: string;
  let uid: Hash;
  const subscriptions: Record<'live' | 'revoked', number[]> = { live: [], revoked: [] };
  const indexed = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
  const anchorBirthCertificate = async (n: string) =>
    (await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.BirthCertificate, commitment: commitAttributes({ n }).commitment })).uid;

  before(async () => {
    f = await serviceFixture({ WEBHOOK_DELIVERIES_PER_EVENT: '2', WEBHOOKS_PER_SUBSCRIBER: '5' });
    client = createPublicClient({ chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }) as never;
    for (const a of [holder, live!, revoked!]) await f.chain.sponsor.registerEntity({ entity: a.address, kind: 'Person' });
    for (const a of [live!, revoked!, stranger!]) await f.chain.sponsor.sendTransaction({ to: a.address, value: parseEther('1') });
    uid = await anchorBirthCertificate('first');
    await indexed();
    holderToken = await f.login(holder);
    const post = (url: string, token: string, payload: object, key?: string) =>
      f.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) }, payload });
    for (const [name, verifier] of [['live', live!], ['revoked', revoked!]] as const) {
      const g = await signGrantAccess(client, { holderRegistry: f.chain.holderRegistry, account: holder, verifier: verifier.address, uid, duration: 3600 });
      const granted = await post('/grants', holderToken, { holder: g.holder, verifier: g.verifier, uid: g.uid, duration: g.duration, attributes: g.attributes, deadline: Number(g.deadline), signature: g.signature }, `grant-${name}-key`);
      assert.equal(granted.statusCode, 200, granted.body);
      // Three receivers each; nothing listens there, so the rows stay to be counted.
      const token = await f.login(verifier);
      for (let i = 0; i < 3; i++) {
        const sub = await post('/webhooks', token, { url: `http://127.0.0.1:9/${name}/${i}`, events: ['credential.reissued'] });
        assert.equal(sub.statusCode, 201, sub.body);
        subscriptions[name].push(sub.json().id);
      }
    }
    const r = await signRevokeAccess(client, { holderRegistry: f.chain.holderRegistry, account: holder, verifier: revoked!.address, uid });
    const revokedRes = await post('/grants/revoke', holderToken, { holder: r.holder, verifier: r.verifier, uid: r.uid, deadline: Number(r.deadline), signature: r.signature }, 'revoke-key-1');
    assert.equal(revokedRes.statusCode, 200, revokedRes.body);
    await anchorBirthCertificate('reissued');
    await indexed();
  });
  after(async () => f?.stop());

  const reissued = async (ids: number[]) => (await Promise.all(ids.map((id) => f.storage.webhooks.listDeliveries(id)))).flat().filter((d) => d.event === 'credential.reissued');

  it('tells no verifier whose grant was revoked about the holder\'s new credential', async () => {
    assert.deepEqual(await reissued(subscriptions.revoked), []);
  });

  it('tells a verifier with a live grant, through at most WEBHOOK_DELIVERIES_PER_EVENT of its subscriptions', async () => {
    const deliveries = await reissued(subscriptions.live);
    assert.equal(deliveries.length, 2);
    assert.deepEqual(deliveries.map((d) => (d.payload as { previousUid: string }).previousUid), [uid, uid]);
  });

  it('lists every logged access, and says which ones a live grant covered', async () => {
    const logs = [];
    for (const verifier of [live!, revoked!, stranger!]) {
      const wallet = createWalletClient({ account: verifier, chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions);
      logs.push((await logAccess(wallet as never, { holderRegistry: f.chain.holderRegistry, holder: holder.address, uid, success: true })).hash);
    }
    await indexed();
    const timeline = async (query = '') => {
      const res = await f.app.inject({ method: 'GET', url: `/me/access-log${query}`, headers: { authorization: `Bearer ${holderToken}` } });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().entries as { verifier: string; granted: boolean | null }[]).map((e) => [e.verifier, e.granted]);
    };
    // Newest first.
    assert.deepEqual(await timeline(), [[stranger!.address, false], [revoked!.address, false], [live!.address, true]]);
    assert.deepEqual(await timeline('?granted=true'), [[live!.address, true]]);
    assert.deepEqual(await timeline('?granted=false'), [[stranger!.address, false], [revoked!.address, false]]);
  });
});
