import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, http, type Address, type Hash, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { commitAttributes, CredentialType, identityRegistryAbi, signAcceptKey, signLinkCredential, signRotateKey, type RegistryClient } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/**
 * After a rotation the new key acts for the identity everywhere the key's address used to stand
 * for it (sign-in role, audit log, identity tree), and the retired key acts for no one.
 */
describe('a rotated key acts for its identity, the retired key for no one', () => {
  let f: ServiceFixture;
  const [holder, newKey] = Array.from({ length: 2 }, () => privateKeyToAccount(generatePrivateKey()));
  let client: RegistryClient;
  let uid: Hash;
  const token: { current?: string; retired?: string } = {};
  const get = (url: string, as: string) => f.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${as}` } });
  const post = (url: string, as: string, key: string, payload: object) =>
    f.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${as}`, 'idempotency-key': key }, payload });
  const chainNow = async () => Number((await f.chain.reader.getBlock({ blockTag: 'latest' })).timestamp);

  /** A LinkCredential for `identity` signed by its current key `key`, through the SDK. */
  const signLinkFor = async (key: LocalAccount, identity: Address) => {
    const deadline = BigInt((await chainNow()) + 3600);
    const signed = await signLinkCredential(client, { registry: f.chain.registry, account: key, identity, uid, deadline });
    return { holder: signed.holder, uid, deadline: Number(deadline), signature: signed.signature };
  };

  before(async () => {
    f = await serviceFixture();
    client = createPublicClient({ chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }) as never;
    await f.chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    ({ uid } = await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ number: 'R1' }).commitment }));
    const deadline = BigInt((await chainNow()) + 3600);
    const accepted = await signAcceptKey(client, { holderRegistry: f.chain.holderRegistry, account: newKey, identity: holder.address, deadline });
    const { nonce: _nonce, deadline: signedDeadline, ...rotation } = await signRotateKey(client, { holderRegistry: f.chain.holderRegistry, account: holder, accepted });
    const rotated = await post('/keys/rotate', await f.login(holder), 'rotate-holder-1', { ...rotation, deadline: Number(signedDeadline) });
    assert.equal(rotated.statusCode, 200, rotated.body);
    token.current = await f.login(newKey);
    token.retired = await f.login(holder);
  });
  after(() => f.stop());

  it('resolves the DID to the new key only, version 2 as the indexer recorded it', async () => {
    const did = `did:identree:${f.chain.chainId}:${holder.address}`;
    const res = await f.app.inject({ method: 'GET', url: `/dids/${did}` });
    assert.equal(res.statusCode, 200, res.body);
    const { didDocument, didDocumentMetadata } = res.json();
    assert.deepEqual(didDocument.verificationMethod.map((m: { blockchainAccountId: string }) => m.blockchainAccountId), [`eip155:${f.chain.chainId}:${newKey.address}`]);
    assert.equal(didDocumentMetadata.versionId, '2');
    assert.ok(Date.parse(didDocumentMetadata.updated) >= Date.parse(didDocumentMetadata.created));
    const before = await f.app.inject({ method: 'GET', url: `/dids/${did}?versionTime=${encodeURIComponent(didDocumentMetadata.created)}` });
    assert.equal(before.statusCode, 200, before.body);
    // Registration and rotation may share a second on anvil; the key of that moment is whichever was last by then.
    const expected = didDocumentMetadata.updated === didDocumentMetadata.created ? newKey.address : holder.address;
    assert.deepEqual(before.json().didDocument.verificationMethod.map((m: { blockchainAccountId: string }) => m.blockchainAccountId), [`eip155:${f.chain.chainId}:${expected}`]);
  });

  it("signs the new key in with its identity's role, and the retired key as a visitor", async () => {
    assert.equal((await get('/me', token.current!)).json().role, 'Person');
    assert.equal((await get('/me', token.retired!)).json().role, 'visitor');
  });

  it("lets the new key read its identity's audit log, and not the retired key", async () => {
    const current = await get(`/entities/${holder.address}/audit`, token.current!);
    assert.equal(current.statusCode, 200, current.body);
    assert.ok(Array.isArray(current.json().entries));
    const retired = await get(`/entities/${holder.address}/audit`, token.retired!);
    assert.equal(retired.statusCode, 403, retired.body);
  });

  it("lets the new key change its identity's tree, and not the retired key", async () => {
    const sponsorNonce = await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address });
    const byRetired = await post('/tree/link', token.retired!, 'link-by-retired-1', await signLinkFor(newKey, holder.address));
    assert.equal(byRetired.statusCode, 403, byRetired.body);
    assert.equal(await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address }), sponsorNonce);

    const byCurrent = await post('/tree/link', token.current!, 'link-by-current-1', await signLinkFor(newKey, holder.address));
    assert.equal(byCurrent.statusCode, 200, byCurrent.body);
    assert.equal(await f.chain.reader.readContract({ address: f.chain.registry, abi: identityRegistryAbi, functionName: 'isLinked', args: [holder.address, uid] }), true);
  });
});
