import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, http, parseEther, publicActions, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { commitAttributes, CredentialType, grantAccess, sealDisclosures } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** A live grant is not enough: a share stops once its credential is revoked or its holder suspended. */
describe('shares stop on revocation and suspension', () => {
  let f: ServiceFixture;
  const holder = privateKeyToAccount(generatePrivateKey());
  const verifierKey = generatePrivateKey();
  const verifier = privateKeyToAccount(verifierKey);
  const token: { holder?: string; verifier?: string } = {};
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });
  const indexed = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));

  /** A credential of the holder, granted to the verifier on chain and shared through the service. */
  const sharedCredential = async (n: string): Promise<{ uid: Hash; commitment: Hash }> => {
    const { commitment } = commitAttributes({ n });
    const { uid } = await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment });
    const wallet = createWalletClient({ account: holder, chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions);
    await grantAccess(wallet as never, { holderRegistry: f.chain.holderRegistry, verifier: verifier.address, uid, duration: 3600 });
    await indexed();
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures: [{ name: 'n', value: n, salt: `0x${'22'.repeat(32)}` }], recipients: [verifier.publicKey] });
    const put = await f.app.inject({ method: 'PUT', url: '/shares', headers: auth(token.holder!), payload: { envelope, ciphertext: Buffer.from(ciphertext).toString('base64') } });
    assert.equal(put.statusCode, 201, put.body);
    return { uid, commitment };
  };
  const fetchShare = (uid: Hash) => f.app.inject({ method: 'GET', url: `/shares/${holder.address}/${uid}`, headers: auth(token.verifier!) });

  before(async () => {
    f = await serviceFixture();
    for (const a of [holder, verifier]) await f.chain.sponsor.registerEntity({ entity: a.address, kind: 'Person' });
    await f.chain.sponsor.sendTransaction({ to: holder.address, value: parseEther('1') });
    token.holder = await f.login(holder);
    token.verifier = await f.login(verifier);
  });
  after(() => f.stop());

  it('refuses a share once its credential is revoked, with credential_revoked', async () => {
    const { uid, commitment } = await sharedCredential('revoked-later');
    assert.equal((await fetchShare(uid)).statusCode, 200);
    await f.chain.sponsor.revokeCredential({ commitment });
    const refused = await fetchShare(uid);
    assert.equal(refused.statusCode, 410, refused.body);
    assert.equal(refused.json().error, 'credential_revoked');
    assert.match(refused.json().message, new RegExp(`credential ${uid} was revoked`));
  });

  it('refuses a share while its holder is suspended, with holder_suspended, and serves it again once reinstated', async () => {
    const { uid } = await sharedCredential('suspended-holder');
    assert.equal((await fetchShare(uid)).statusCode, 200);
    await f.chain.sponsor.suspendEntity({ entity: holder.address });
    const refused = await fetchShare(uid);
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error, 'holder_suspended');
    await f.chain.sponsor.reinstateEntity({ entity: holder.address });
    assert.equal((await fetchShare(uid)).statusCode, 200);
  });
});
