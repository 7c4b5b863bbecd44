import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, createTestClient, createWalletClient, http, parseEther, publicActions, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { commitAttributes, CredentialType, identreeActions, signGrantAccess, type RegistryClient } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// Issue 23 §2: a grant must not come back to life when a transferred credential returns to its earlier
// holder, and the holder's own list must not call it live.
describe('grants over a car title that is sold and bought back', () => {
  let f: ServiceFixture;
  let client: RegistryClient;
  const [alice, bob, bank] = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey())) as [PrivateKeyAccount, PrivateKeyAccount, PrivateKeyAccount];
  const title = commitAttributes({ vin: 'WVWZZZ1JZXW000001' }).commitment;
  let uid: Hash;
  let aliceToken: string;
  let bankToken: string;
  const indexed = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
  const walletOf = (account: PrivateKeyAccount) =>
    createWalletClient({ account, chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions).extend(identreeActions(f.chain.registry));
  const sell = async (from: PrivateKeyAccount, to: PrivateKeyAccount) => {
    await walletOf(from).requestCredentialTransfer({ uid, to: to.address });
    await f.chain.sponsor.approveCredentialTransfer({ commitment: title, to: to.address });
  };
  const bankView = async () => {
    const res = await f.app.inject({ method: 'GET', url: `/grants/${alice.address}/${uid}`, headers: { authorization: `Bearer ${bankToken}` } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { live: boolean };
  };
  const aliceList = async () => {
    const res = await f.app.inject({ method: 'GET', url: '/me/grants', headers: { authorization: `Bearer ${aliceToken}` } });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().grants as { uid: string; live: boolean; revoked: boolean }[]).filter((g) => g.uid === uid);
  };

  before(async () => {
    f = await serviceFixture();
    client = createPublicClient({ chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }) as never;
    // Each block 10 s after the last, as on a real chain: grants and arrivals get distinct times.
    await createTestClient({ mode: 'anvil', chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }).setBlockTimestampInterval({ interval: 10 });
    for (const a of [alice, bob, bank]) await f.chain.sponsor.registerEntity({ entity: a.address, kind: 'Person' });
    for (const a of [alice, bob]) await f.chain.sponsor.sendTransaction({ to: a.address, value: parseEther('1') });
    ({ uid } = await f.chain.sponsor.anchorCredential({ subject: alice.address, credentialType: CredentialType.CarTitle, commitment: title }));
    await indexed();
    aliceToken = await f.login(alice);
    bankToken = await f.login(bank);
    const g = await signGrantAccess(client, { holderRegistry: f.chain.holderRegistry, account: alice, verifier: bank.address, uid, duration: 30 * 86_400 });
    const granted = await f.app.inject({
      method: 'POST', url: '/grants', headers: { authorization: `Bearer ${aliceToken}`, 'idempotency-key': 'grant-title-to-bank' },
      payload: { holder: g.holder, verifier: g.verifier, uid: g.uid, duration: g.duration, attributes: g.attributes, deadline: Number(g.deadline), signature: g.signature },
    });
    assert.equal(granted.statusCode, 200, granted.body);
    await indexed();
  });
  after(async () => f?.stop());

  it('shows the grant live while alice holds the title', async () => {
    assert.equal((await bankView()).live, true);
    assert.deepEqual((await aliceList()).map((g) => g.live), [true]);
  });

  it('ends it when alice sells the title, and keeps it ended when she buys it back', async () => {
    await sell(alice, bob);
    await indexed();
    assert.equal((await bankView()).live, false, 'bob holds it');
    assert.deepEqual((await aliceList()).map((g) => [g.live, g.revoked]), [[false, true]]);
    await sell(bob, alice);
    await indexed();
    assert.equal((await bankView()).live, false, 'the old grant does not revive');
    assert.deepEqual((await aliceList()).map((g) => g.live), [false]);
  });

  it('refuses a grant whose attributes digest does not end in five zero bytes, naming the field', async () => {
    const g = await signGrantAccess(client, { holderRegistry: f.chain.holderRegistry, account: alice, verifier: bank.address, uid, duration: 3600 });
    const res = await f.app.inject({
      method: 'POST', url: '/grants', headers: { authorization: `Bearer ${aliceToken}`, 'idempotency-key': 'grant-bad-digest' },
      payload: { holder: g.holder, verifier: g.verifier, uid: g.uid, duration: g.duration, attributes: `0x${'ab'.repeat(26)}`, deadline: Number(g.deadline), signature: g.signature },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json().message, /attributes/);
  });
});
