import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, http, parseEther, publicActions, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { commitAttributes, createPresentation, CredentialType, grantAccess, issueCredential, sealDisclosures } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';
import { buildApp } from '../app.js';

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

  it('logs a failed verdict once per window of its kind, and the service\'s own log never names the holder', async () => {
    const vc = await issueCredential(f.chain.sponsor, {
      registry: f.chain.registry, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName: 'Eva', fatherLastName: 'Soto', birthDate: '1999-01-02', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
    // Another API process over the same database, its log captured down to debug.
    const lines: string[] = [];
    const other = await buildApp({ chain: f.chain, chainWorker: f.chainWorker, config: f.config, storage: f.storage }, { logger: { level: 'debug', stream: { write: (line: string) => void lines.push(line) } } });
    try {
      const presentedTo = async (audience: string) => {
        const { nonce } = (await f.app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience } })).json();
        return createPresentation({ holder, audience, nonce, disclose: [{ credential: vc, attributes: ['ageOver18'] }] });
      };
      const shop = 'https://shop.example';
      const presentation = await presentedTo(shop);
      assert.equal((await f.app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience: shop, presentation } })).json().valid, true);
      // Three replays, on two processes: one failure of this kind in the window reaches the holder.
      for (const app of [f.app, other, other]) {
        const replay = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience: shop, presentation } });
        assert.deepEqual(replay.json().reasons.map((r: { code: string }) => r.code), ['nonce_replayed']);
      }
      // The same failure before another verifier's audience is another kind.
      const club = 'https://club.example';
      const elsewhere = await presentedTo(club);
      for (let i = 0; i < 3; i++) await other.inject({ method: 'POST', url: '/presentations/verify', payload: { audience: club, presentation: elsewhere } });

      const verdicts = (await logOf(token.holder)).filter((e) => e.channel === 'presentation_verify' && [shop, club].some((a) => e.accessor === `audience:${a}`));
      assert.deepEqual(verdicts.map((e) => [e.accessor, e.success, e.detail]), [
        [`audience:${club}`, false, 'nonce_replayed'],
        [`audience:${club}`, true, null],
        [`audience:${shop}`, false, 'nonce_replayed'],
        [`audience:${shop}`, true, null],
      ]);

      const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
      assert.ok(logged.some((l) => l.msg === 'presentation refused' && l.level === 20), 'the refusal is at debug level');
      for (const line of lines) assert.ok(!line.toLowerCase().includes(holder.address.slice(2).toLowerCase()), `no log line names the holder: ${line}`);
    } finally {
      await other.close();
    }
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
