import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, http } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { signCancelRecovery, signGrantAccess, type RegistryClient } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// Issue 23 §4: quotas that are not rates (a storage budget, subscriptions held) and a sponsor that
// no longer pays for writes the contract lets through but nobody should be paid for.
describe('quotas and the sponsor admission', () => {
  let f: ServiceFixture;
  let client: RegistryClient;
  before(async () => {
    f = await serviceFixture({ BLOB_BUDGET_BYTES: '100', WEBHOOKS_PER_SUBSCRIBER: '2' });
    client = createPublicClient({ chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }) as never;
  });
  after(async () => f?.stop());
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('keeps each identity to its storage budget, charges a CID once, and leaves others their own budget', async () => {
    const [a, b] = await Promise.all([0, 1].map(() => f.login(privateKeyToAccount(generatePrivateKey()))));
    const put = (token: string, bytes: Buffer) => f.app.inject({ method: 'POST', url: '/blobs', headers: { ...auth(token), 'content-type': 'application/octet-stream' }, payload: bytes });
    const first = await put(a!, Buffer.alloc(50, 1));
    assert.equal(first.statusCode, 201, first.body);
    // The same bytes again (it fits): the same CID, not charged twice, so 50 more still fit after it.
    const again = await put(a!, Buffer.alloc(50, 1));
    assert.equal(again.statusCode, 201, again.body);
    const rest = await put(a!, Buffer.alloc(50, 2));
    assert.equal(rest.statusCode, 201, rest.body);
    const over = await put(a!, Buffer.alloc(1, 3));
    assert.equal(over.statusCode, 429, over.body);
    assert.equal(over.json().error, 'storage_budget_exceeded');
    assert.match(over.json().message, /has stored 100 of its 100 bytes/);
    assert.equal((await put(b!, Buffer.alloc(100, 4))).statusCode, 201);
  });

  it('keeps each subscriber to its number of webhook subscriptions, and frees a place when one is deleted', async () => {
    const token = await f.login(privateKeyToAccount(generatePrivateKey()));
    const subscribe = (i: number) => f.app.inject({ method: 'POST', url: '/webhooks', headers: auth(token), payload: { url: `http://127.0.0.1:9/hook-${i}`, events: ['grant.revoked'] } });
    const first = await subscribe(1);
    assert.equal(first.statusCode, 201);
    assert.equal((await subscribe(2)).statusCode, 201);
    const third = await subscribe(3);
    assert.equal(third.statusCode, 429, third.body);
    assert.equal(third.json().error, 'webhook_quota_exceeded');
    assert.equal((await f.app.inject({ method: 'DELETE', url: `/webhooks/${first.json().id}`, headers: auth(token) })).statusCode, 204);
    assert.equal((await subscribe(4)).statusCode, 201);
  });

  it('does not pay for a non-entity cancelling a recovery, nor for grants on a credential that does not exist or is another\'s', async () => {
    const visitor = privateKeyToAccount(generatePrivateKey());
    const holder = privateKeyToAccount(generatePrivateKey());
    await f.chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    const [visitorToken, holderToken] = [await f.login(visitor), await f.login(holder)];
    const sponsorNonce = () => f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address });
    const before = await sponsorNonce();
    const post = (url: string, token: string, payload: object, key: string) => f.app.inject({ method: 'POST', url, headers: { ...auth(token), 'idempotency-key': key }, payload });

    const cancel = await signCancelRecovery(client, { holderRegistry: f.chain.holderRegistry, account: visitor });
    const refused = await post('/recoveries/cancel', visitorToken, { identity: cancel.identity, deadline: Number(cancel.deadline), signature: cancel.signature }, 'cancel-visitor-1');
    assert.equal(refused.statusCode, 403, refused.body);
    assert.deepEqual(refused.json(), { error: 'not_sponsored', message: `${visitor.address} is not a registered entity: the sponsor pays only for writes about entities` });

    const uid = `0x${'5a'.repeat(32)}` as const;
    for (const [account, token, who] of [[visitor, visitorToken, 'visitor'], [holder, holderToken, 'holder']] as const) {
      const g = await signGrantAccess(client, { holderRegistry: f.chain.holderRegistry, account, verifier: privateKeyToAccount(generatePrivateKey()).address, uid, duration: 3600 });
      const res = await post('/grants', token, { holder: g.holder, verifier: g.verifier, uid: g.uid, duration: g.duration, attributes: g.attributes, deadline: Number(g.deadline), signature: g.signature }, `grant-${who}-1`);
      assert.equal(res.statusCode, 403, `${who}: ${res.body}`);
      assert.equal(res.json().error, 'not_sponsored', who);
    }
    assert.equal(await sponsorNonce(), before, 'the sponsor sent nothing');
  });
});
