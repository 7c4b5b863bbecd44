import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, http, parseEther, publicActions, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { commitAttributes, createPresentation, CredentialType, grantAccess, issueCredential, sealDisclosures } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

type Entry = { channel: string; accessor: string; uids: string[]; attributes: string[]; success: boolean; detail: string | null; recordedBy: string };

/** Share reads and presentation verdicts reach the holder's timeline, and only the holder's. */
describe('the service-side access log', () => {
  let f: ServiceFixture;
  const holder = privateKeyToAccount(generatePrivateKey());
  const verifier = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());
  const token: Record<'holder' | 'verifier' | 'stranger', string> = { holder: '', verifier: '', stranger: '' };
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });
  const logOf = async (t: string): Promise<Entry[]> => {
    const res = await f.app.inject({ method: 'GET', url: '/me/service-access-log', headers: auth(t) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().entries;
  };

  before(async () => {
    f = await serviceFixture();
    for (const a of [holder, verifier, stranger]) await f.chain.sponsor.registerEntity({ entity: a.address, kind: 'Person' });
    await f.chain.sponsor.sendTransaction({ to: holder.address, value: parseEther('1') });
    token.holder = await f.login(holder);
    token.verifier = await f.login(verifier);
    token.stranger = await f.login(stranger);
  });
  after(() => f.stop());

  it('logs each read of a share for its holder, a refused one too, naming the reader', async () => {
    const { uid } = await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ n: 'P-9' }).commitment });
    const wallet = createWalletClient({ account: holder, chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions);
    await grantAccess(wallet as never, { holderRegistry: f.chain.holderRegistry, verifier: verifier.address, uid, duration: 3600 });
    assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures: [{ name: 'n', value: 'P-9', salt: `0x${'22'.repeat(32)}` }], recipients: [verifier.publicKey] });
    assert.equal((await f.app.inject({ method: 'PUT', url: '/shares', headers: auth(token.holder), payload: { envelope, ciphertext: Buffer.from(ciphertext).toString('base64') } })).statusCode, 201);

    const read = await f.app.inject({ method: 'GET', url: `/shares/${holder.address}/${uid}`, headers: auth(token.verifier) });
    assert.equal(read.statusCode, 200, read.body);
    const refused = await f.app.inject({ method: 'GET', url: `/shares/${holder.address}/${uid}`, headers: auth(token.stranger) });
    assert.equal(refused.statusCode, 403);

    const reads = (await logOf(token.holder)).filter((e) => e.channel === 'share_read' && e.uids.includes(uid.toLowerCase()));
    assert.deepEqual(reads.map((e) => [e.accessor, e.success, e.detail, e.recordedBy]), [
      [stranger.address, false, 'forbidden', 'service'],
      [verifier.address, true, null, 'service'],
    ]);
    assert.deepEqual(reads[1]!.attributes, [`0x${'00'.repeat(26)}`], 'the grant\'s attribute digest: the whole credential');
  });

  it('logs each verdict given in the holder\'s name: what was presented to whom, and whether it held', async () => {
    const vc = await issueCredential(f.chain.sponsor, {
      registry: f.chain.registry, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
    const audience = 'https://bank.example';
    const { nonce } = (await f.app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience } })).json();
    const presentation = await createPresentation({ holder, audience, nonce, disclose: [{ credential: vc, attributes: ['ageOver18', 'givenName'] }] });
    const verify = () => f.app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience, presentation } });
    assert.equal((await verify()).json().valid, true);
    assert.equal((await verify()).json().valid, false, 'a replay');

    const verdicts = (await logOf(token.holder)).filter((e) => e.channel === 'presentation_verify');
    assert.deepEqual(verdicts.map((e) => [e.accessor, e.success, e.detail]), [
      [`audience:${audience}`, false, 'nonce_replayed'],
      [`audience:${audience}`, true, null],
    ]);
    assert.deepEqual(verdicts[1]!.uids, [vc.proof.uid.toLowerCase()]);
    assert.deepEqual(verdicts[1]!.attributes.sort(), ['ageOver18', 'givenName'], 'names, never values');
    assert.ok(!JSON.stringify(verdicts).includes('Ana'));
  });

  it('never shows one identity another\'s log', async () => {
    assert.ok((await logOf(token.holder)).length >= 4);
    for (const t of [token.verifier, token.stranger]) {
      assert.deepEqual(await logOf(t), [], 'the readers see none of the holder\'s entries');
    }
    const anonymous = await f.app.inject({ method: 'GET', url: '/me/service-access-log' });
    assert.equal(anonymous.statusCode, 401);
  });
});
