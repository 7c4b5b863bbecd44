import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, http } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { commitAttributes, CredentialType, identityRegistryAbi, signLinkCredential, signUnlinkCredential, type RegistryClient } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

describe('gasless identity tree writes', () => {
  let f: ServiceFixture;
  const holder = privateKeyToAccount(generatePrivateKey());
  const other = privateKeyToAccount(generatePrivateKey());
  let uid: `0x${string}`;
  let second: `0x${string}`;
  let holderClient: RegistryClient;

  before(async () => {
    f = await serviceFixture();
    await f.chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    await f.chain.sponsor.registerEntity({ entity: other.address, kind: 'Person' });
    ({ uid } = await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ number: 'P1' }).commitment }));
    ({ uid: second } = await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ number: 'P2' }).commitment }));
    // The holder's wallet: it can read the chain and sign, and it holds no ether at all.
    holderClient = createPublicClient({ chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }) as never;
  });
  after(() => f.stop());

  const link = async (token: string, key: string) => {
    const signed = await signLinkCredential(holderClient, { registry: f.chain.registry, account: holder, uid });
    return f.app.inject({
      method: 'POST', url: '/tree/link', headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
      payload: { holder: signed.holder, uid: signed.uid, deadline: Number(signed.deadline), signature: signed.signature },
    });
  };

  it('links a credential for a holder with no ether, paid by the sponsor', async () => {
    assert.equal(await f.chain.reader.getBalance({ address: holder.address }), 0n);
    const res = await link(await f.login(holder), 'link-passport-1');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'confirmed');
    assert.equal(await f.chain.reader.isCredentialValid({ uid }), true);
    const tree = (await f.app.inject({ method: 'GET', url: `/entities/${holder.address}/tree` })).json();
    assert.deepEqual(tree.credentials.map((c: { uid: string }) => c.uid), [uid]);
  });

  it('never lets one holder act on another holder\'s tree', async () => {
    const res = await link(await f.login(other), 'link-passport-other');
    assert.equal(res.statusCode, 403);
  });

  it('relays concurrent holders\' writes with consecutive sponsor nonces', async () => {
    const holders = Array.from({ length: 4 }, () => privateKeyToAccount(generatePrivateKey()));
    const uids: `0x${string}`[] = [];
    for (const h of holders) {
      await f.chain.sponsor.registerEntity({ entity: h.address, kind: 'Person' });
      uids.push((await f.chain.sponsor.anchorCredential({ subject: h.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ n: h.address }).commitment })).uid);
    }
    const before = await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address });
    const results = await Promise.all(holders.map(async (h, i) => {
      const signed = await signLinkCredential(holderClient, { registry: f.chain.registry, account: h, uid: uids[i]! });
      return f.app.inject({
        method: 'POST', url: '/tree/link', headers: { authorization: `Bearer ${await f.login(h)}`, 'idempotency-key': `concurrent-${i}` },
        payload: { holder: signed.holder, uid: signed.uid, deadline: Number(signed.deadline), signature: signed.signature },
      });
    }));
    assert.deepEqual(results.map((r) => r.statusCode), [200, 200, 200, 200], results.map((r) => r.body).join('\n'));
    assert.equal(await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address }), before + 4);
    for (const [i, h] of holders.entries()) {
      assert.equal(await f.chain.reader.readContract({ address: f.chain.registry, abi: identityRegistryAbi, functionName: 'isLinked', args: [h.address, uids[i]!] }), true);
    }
  });

  it('answers a repeated request without relaying it twice', async () => {
    const sponsorNonce = await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address });
    const res = await link(await f.login(holder), 'link-passport-1');
    // The same key with a freshly signed body is another request: refused, not re-sent.
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address }), sponsorNonce);
  });

  const post = async (url: string, token: string, key: string, payload: object) =>
    f.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'idempotency-key': key }, payload });
  const payloadOf = (s: { holder: string; uid: string; deadline: bigint; signature: string }) => ({ holder: s.holder, uid: s.uid, deadline: Number(s.deadline), signature: s.signature });

  it('answers a message the registry would refuse with its typed revert, sending nothing', async () => {
    const token = await f.login(holder);
    const sponsorNonce = await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address });
    const cases: [string, string, object, number, string][] = [
      ['/tree/link', 'already-linked-1', payloadOf(await signLinkCredential(holderClient, { registry: f.chain.registry, account: holder, uid })), 409, 'tree_already_linked'],
      ['/tree/link', 'expired-link-1', payloadOf(await signLinkCredential(holderClient, { registry: f.chain.registry, account: holder, uid: second, deadline: 1n })), 422, 'holder_signature_expired'],
      // Signed by another key than the holder's: the body names the holder, the signature is not theirs.
      ['/tree/link', 'forged-link-1', { ...payloadOf(await signLinkCredential(holderClient, { registry: f.chain.registry, account: other, uid: second })), holder: holder.address }, 422, 'holder_signature_invalid'],
      ['/tree/unlink', 'not-linked-1', payloadOf(await signUnlinkCredential(holderClient, { registry: f.chain.registry, account: holder, uid: second })), 422, 'tree_not_linked'],
    ];
    for (const [url, key, payload, status, error] of cases) {
      const res = await post(url, token, key, payload);
      assert.equal(res.statusCode, status, `${key}: ${res.body}`);
      assert.equal(res.json().error, error, key);
    }
    assert.equal(await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address }), sponsorNonce);
  });

  it('refuses a deadline or signature it could not encode with a 400 naming the field', async () => {
    const token = await f.login(holder);
    const signed = payloadOf(await signLinkCredential(holderClient, { registry: f.chain.registry, account: holder, uid: second }));
    const malformed: [object, RegExp][] = [
      [{ ...signed, deadline: 1e78 }, /body\.deadline/],
      [{ ...signed, deadline: Number.MAX_SAFE_INTEGER + 2 }, /body\.deadline/],
      [{ ...signed, signature: `${signed.signature}0` }, /body\.signature/],
    ];
    for (const [i, [payload, field]] of malformed.entries()) {
      const res = await post('/tree/link', token, `malformed-link-${i}`, payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.json().message, field);
    }
  });
});
