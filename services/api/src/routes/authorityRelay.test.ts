import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, getAddress, http, parseEther, publicActions, type Hex, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { commitAttributes, CredentialType, getCompromise, grantAccess, identityOf, prepareRelayedHolderWrite } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** Issue 17: a government whose key holds no ether registers a citizen through the API; the sponsor pays and records it. */
describe('authority writes relayed by the sponsor', () => {
  let f: ServiceFixture;
  const ministry = privateKeyToAccount(generatePrivateKey());
  const citizen = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());
  const tokens = new Map<string, string>();
  let keys = 0;

  before(async () => {
    f = await serviceFixture();
    await f.chain.sponsor.registerEntity({ entity: ministry.address, kind: 'Government' });
    await f.chain.sponsor.registerEntity({ entity: stranger.address, kind: 'Person' });
  });
  after(() => f.stop());

  const tokenOf = async (account: LocalAccount) => {
    if (!tokens.has(account.address)) tokens.set(account.address, await f.login(account));
    return tokens.get(account.address)!;
  };
  const prepare = async (account: LocalAccount, write: string, body: object) =>
    f.app.inject({ method: 'POST', url: `/prepare/${write}/relayed`, headers: { authorization: `Bearer ${await tokenOf(account)}` }, payload: body });
  /** Signs the typed data the API answered with the account's own key, as a wallet's eth_signTypedData_v4 would. */
  const sign = async (account: LocalAccount, typed: { domain: never; types: never; primaryType: string; message: { signer: Hex; data: Hex; nonce: string; deadline: string } }) => {
    const message = { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) };
    const signature = await account.signTypedData({ domain: typed.domain, types: typed.types, primaryType: typed.primaryType, message } as never);
    return { signer: typed.message.signer, data: typed.message.data, deadline: Number(typed.message.deadline), signature };
  };
  const relay = async (account: LocalAccount, body: object) =>
    f.app.inject({ method: 'POST', url: '/relay/authority-call', headers: { authorization: `Bearer ${await tokenOf(account)}`, 'idempotency-key': `authority-relay-${++keys}` }, payload: body });

  it('registers a citizen for a government with no ether, and charges the gas to the government in its audit log', async () => {
    assert.equal(await f.chain.reader.getBalance({ address: ministry.address }), 0n);
    const prepared = await prepare(ministry, 'register-entity', { entity: citizen.address, kind: 'Person' });
    assert.equal(prepared.statusCode, 200, prepared.body);
    assert.equal(prepared.json().primaryType, 'AuthorityCall');
    const res = await relay(ministry, await sign(ministry, prepared.json()));
    assert.equal(res.statusCode, 200, res.body);
    const entity = (await f.app.inject({ method: 'GET', url: `/entities/${citizen.address}` })).json();
    assert.equal(entity.registrar.toLowerCase(), ministry.address.toLowerCase());
    assert.ok((await f.storage.audit.sponsoredWeiSince(ministry.address, new Date(Date.now() - 60_000))) > 0n, 'the sponsor\'s gas is on the government\'s account');
    assert.equal(await f.chain.reader.getBalance({ address: ministry.address }), 0n, 'still no ether');
  });

  it('answers a write the registry would refuse with its typed error at prepare, before anything is signed or paid', async () => {
    const res = await prepare(stranger, 'register-entity', { entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Person' });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().error, 'entity_kind_not_allowed');
  });

  it('refuses another identity\'s signed call, a non-authority signer, and calldata that is no authority write', async () => {
    const prepared = await prepare(ministry, 'register-entity', { entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Person' });
    const signed = await sign(ministry, prepared.json());
    const theirs = await relay(stranger, signed);
    assert.equal(theirs.statusCode, 403, theirs.body);
    // A person's signed call: the sponsor relays only for authorities.
    const personCall = await prepare(stranger, 'suspend-entity', { entity: citizen.address });
    assert.equal(personCall.statusCode, 403, personCall.body);
    const forged = { ...signed, signer: stranger.address };
    const notAuthority = await relay(stranger, forged);
    assert.equal(notAuthority.statusCode, 403, notAuthority.body);
    assert.equal(notAuthority.json().error, 'not_sponsored');
    const garbage = await relay(ministry, { ...signed, data: '0xdeadbeef' });
    assert.equal(garbage.statusCode, 400, garbage.body);
    assert.equal(garbage.json().error, 'invalid_transaction');
    const malformed = await relay(ministry, { ...signed, signature: 'nope' });
    assert.equal(malformed.statusCode, 400, malformed.body);
  });

  it('refuses a signature moved onto other calldata with the typed signature error, and nothing is written', async () => {
    const prepared = await prepare(ministry, 'register-entity', { entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Person' });
    const signed = await sign(ministry, prepared.json());
    const other = await prepare(ministry, 'register-entity', { entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Government' });
    const res = await relay(ministry, { ...signed, data: other.json().message.data });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error, 'holder_signature_invalid');
  });

  it('rebinds an identity for its registrar with no ether, through the holder registry\'s own relayed write', async () => {
    const person = privateKeyToAccount(generatePrivateKey());
    await relay(ministry, await sign(ministry, (await prepare(ministry, 'register-entity', { entity: person.address, kind: 'Person' })).json()));
    const newKey = privateKeyToAccount(generatePrivateKey()).address;
    const prepared = await prepare(ministry, 'rebind-by-registrar', { identity: person.address, newKey, evidence: `0x${'ab'.repeat(32)}` });
    assert.equal(prepared.statusCode, 200, prepared.body);
    assert.equal(prepared.json().message.signer, ministry.address);
    const res = await relay(ministry, await sign(ministry, prepared.json()));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(await identityOf(f.chain.reader as never, { holderRegistry: f.chain.holderRegistry, key: newKey }), person.address, 'the new key acts for the person');
    assert.equal(await f.chain.reader.getBalance({ address: ministry.address }), 0n, 'still no ether');
  });

  it('dates the compromise of an issuer its government suspended, all relayed for a key with no ether', async () => {
    const issuer = privateKeyToAccount(generatePrivateKey());
    for (const [write, body] of [['register-entity', { entity: issuer.address, kind: 'Issuer' }], ['suspend-entity', { entity: issuer.address }]] as const) {
      const res = await relay(ministry, await sign(ministry, (await prepare(ministry, write, body)).json()));
      assert.equal(res.statusCode, 200, res.body);
    }
    const since = Math.floor(Date.now() / 1000) - 3_600;
    const prepared = await prepare(ministry, 'report-compromise', { entity: issuer.address, since });
    assert.equal(prepared.statusCode, 200, prepared.body);
    const res = await relay(ministry, await sign(ministry, prepared.json()));
    assert.equal(res.statusCode, 200, res.body);
    const report = await getCompromise(f.chain.reader as never, { holderRegistry: f.chain.holderRegistry, entity: issuer.address });
    assert.equal(Number(report?.since), since);
    // A registrar outside the chain is refused with the contract's typed error when it prepares, before it signs.
    const outsider = await prepare(stranger, 'report-compromise', { entity: issuer.address, since });
    assert.equal(outsider.statusCode, 403, outsider.body);
    assert.equal(outsider.json().error, 'key_not_in_registration_chain');
  });

  describe('a verifier\'s access log', () => {
    const holder = privateKeyToAccount(generatePrivateKey());
    const verifier = privateKeyToAccount(generatePrivateKey());
    const outsider = privateKeyToAccount(generatePrivateKey());
    let granted: Hex;
    let notGranted: Hex;

    before(async () => {
      await f.chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
      await f.chain.sponsor.registerEntity({ entity: verifier.address, kind: 'Organization' });
      await f.chain.sponsor.sendTransaction({ to: holder.address, value: parseEther('1') });
      granted = (await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ n: 'granted' }).commitment })).uid;
      notGranted = (await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ n: 'kept' }).commitment })).uid;
      const wallet = createWalletClient({ account: holder, chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions);
      await grantAccess(wallet as never, { holderRegistry: f.chain.holderRegistry, verifier: verifier.address, uid: granted, duration: 3600 });
      assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
    });

    it('is logged for a verifier with no ether under the holder\'s grant, naming the verifier, not the sponsor', async () => {
      assert.equal(await f.chain.reader.getBalance({ address: verifier.address }), 0n);
      const prepared = await prepare(verifier, 'log-access', { holder: holder.address, uid: granted, success: true });
      assert.equal(prepared.statusCode, 200, prepared.body);
      const res = await relay(verifier, await sign(verifier, prepared.json()));
      assert.equal(res.statusCode, 200, res.body);
      const [entry] = await f.storage.accessLog.listByHolder(holder.address);
      assert.equal(getAddress(entry!.verifier), verifier.address);
      assert.equal(entry!.uid, granted);
      assert.equal(entry!.granted, true);
      assert.ok((await f.storage.audit.sponsoredWeiSince(verifier.address, new Date(Date.now() - 60_000))) > 0n, 'charged to the verifier');
      assert.equal(await f.chain.reader.getBalance({ address: verifier.address }), 0n, 'still no ether');
    });

    it('is not paid for on a credential the holder never granted the verifier, nor for a key that is no entity', async () => {
      const ungranted = await relay(verifier, await sign(verifier, (await prepare(verifier, 'log-access', { holder: holder.address, uid: notGranted, success: false })).json()));
      assert.equal(ungranted.statusCode, 403, ungranted.body);
      assert.equal(ungranted.json().error, 'not_sponsored');
      const prepared = await prepare(outsider, 'log-access', { holder: holder.address, uid: granted, success: true });
      assert.equal(prepared.statusCode, 200, prepared.body);
      const res = await relay(outsider, await sign(outsider, prepared.json()));
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().error, 'not_sponsored');
      assert.equal((await f.storage.accessLog.listByHolder(holder.address)).length, 1, 'nothing more logged');
    });

    it('refuses a holder-registry call that is no authority write', async () => {
      const prepared = await prepare(verifier, 'log-access', { holder: holder.address, uid: granted, success: true });
      const signed = await sign(verifier, prepared.json());
      // A holder-registry write that is no authority's: never relayed as an AuthorityCall.
      const { data } = prepareRelayedHolderWrite({
        holderRegistry: f.chain.holderRegistry, functionName: 'finalizeRecovery', args: [holder.address, outsider.address],
      });
      const res = await relay(verifier, { ...signed, data });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error, 'invalid_transaction');
    });
  });
});
