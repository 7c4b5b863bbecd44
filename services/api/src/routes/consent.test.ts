import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createPublicClient, createWalletClient, http, parseEther, publicActions, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import {
  attributesDigest,
  checkAccess,
  commitAttributes,
  CredentialType,
  grantAccess,
  logAccess,
  openDisclosures,
  revokeAccess,
  sealDisclosures,
  signGrantAccess,
  signRevokeAccess,
  WHOLE_CREDENTIAL,
  type RegistryClient,
} from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';
import { verifyWebhookSignature, WebhookSignatureError } from '@identree/webhooks';

/** A local HTTP receiver keeping each request's raw body and headers. */
async function receiver() {
  const received: { body: Buffer; headers: IncomingHttpHeaders }[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks), headers: req.headers });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hooks`, received, failWith: (s: number) => (status = s), close: () => new Promise((r) => server.close(r)) };
}

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
};

describe('consent, access log, encrypted shares and webhooks through the API', () => {
  let f: ServiceFixture;
  let hook: Awaited<ReturnType<typeof receiver>>;
  // The holder has no ether at all; the verifier and the stranger are funded (the verifier logs accesses itself).
  const holderKey = generatePrivateKey();
  const holder = privateKeyToAccount(holderKey);
  const verifierKey = generatePrivateKey();
  const verifier = privateKeyToAccount(verifierKey);
  const stranger = privateKeyToAccount(generatePrivateKey());
  let uid: Hash;
  let holderClient: RegistryClient;
  let token: { holder: string; verifier: string; stranger: string };
  const disclosures = [{ name: 'ageOver18', value: 'true', salt: `0x${'11'.repeat(32)}` as Hash }];
  const auth = (t: string, key?: string) => ({ authorization: `Bearer ${t}`, ...(key ? { 'idempotency-key': key } : {}) });
  const signedGrant = async (duration = 3600, attributes = WHOLE_CREDENTIAL) => {
    const s = await signGrantAccess(holderClient, { holderRegistry: f.chain.holderRegistry, account: holder, verifier: verifier.address, uid, duration, attributes });
    return { holder: s.holder, verifier: s.verifier, uid: s.uid, duration: s.duration, attributes: s.attributes, deadline: Number(s.deadline), signature: s.signature };
  };
  const indexed = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));

  before(async () => {
    f = await serviceFixture();
    hook = await receiver();
    for (const a of [holder, verifier, stranger]) await f.chain.sponsor.registerEntity({ entity: a.address, kind: 'Person' });
    for (const a of [verifier, stranger]) await f.chain.sponsor.sendTransaction({ to: a.address, value: parseEther('1') });
    ({ uid } = await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.BirthCertificate, commitment: commitAttributes({ n: 'holder-birth' }).commitment }));
    holderClient = createPublicClient({ chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }) as never;
    token = { holder: await f.login(holder), verifier: await f.login(verifier), stranger: await f.login(stranger) };
    await indexed();
  });
  after(async () => {
    await f.stop();
    await hook.close();
  });

  it('relays a holder-signed grant exactly once, paid by the sponsor', async () => {
    const body = await signedGrant();
    const sponsorNonce = await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address });
    const first = await f.app.inject({ method: 'POST', url: '/grants', headers: auth(token.holder, 'grant-verifier-1'), payload: body });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().status, 'confirmed');
    const again = await f.app.inject({ method: 'POST', url: '/grants', headers: auth(token.holder, 'grant-verifier-1'), payload: body });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().id, first.json().id);
    assert.equal(await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address }), sponsorNonce + 1);
    assert.equal(await f.chain.reader.getBalance({ address: holder.address }), 0n);
    assert.equal(await checkAccess(f.chain.reader as never, { holderRegistry: f.chain.holderRegistry, holder: holder.address, verifier: verifier.address, uid }), true);
  });

  it('shows the holder its grants, and nobody else', async () => {
    const mine = await f.app.inject({ method: 'GET', url: '/me/grants', headers: auth(token.holder) });
    assert.equal(mine.statusCode, 200, mine.body);
    assert.deepEqual(mine.json().grants.map((g: { verifier: string; live: boolean; attributes: string }) => [g.verifier, g.live, g.attributes]), [[verifier.address, true, WHOLE_CREDENTIAL]]);
    assert.match(mine.json().grants[0].proof.transactionHash, /^0x[0-9a-f]{64}$/);
    const theirs = await f.app.inject({ method: 'GET', url: '/me/grants', headers: auth(token.stranger) });
    assert.deepEqual(theirs.json().grants, []);
    assert.equal((await f.app.inject({ method: 'GET', url: '/me/grants' })).statusCode, 401);
  });

  it('never relays a grant for another holder', async () => {
    const res = await f.app.inject({ method: 'POST', url: '/grants', headers: auth(token.stranger, 'grant-by-stranger'), payload: await signedGrant() });
    assert.equal(res.statusCode, 403, res.body);
  });

  it('answers bad grants with 400 naming the field, and a broken rule with its typed revert, sending nothing', async () => {
    const good = await signedGrant();
    const bad = await f.app.inject({ method: 'POST', url: '/grants', headers: auth(token.holder, 'grant-bad-uid'), payload: { ...good, uid: '0x1234' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /body\.uid/);
    const noKey = await f.app.inject({ method: 'POST', url: '/grants', headers: auth(token.holder), payload: good });
    assert.equal(noKey.statusCode, 400);
    assert.match(noKey.json().message, /idempotency-key/);
    const sponsorNonce = await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address });
    const tooLong = await f.app.inject({ method: 'POST', url: '/grants', headers: auth(token.holder, 'grant-too-long'), payload: await signedGrant(366 * 86_400) });
    assert.equal(tooLong.statusCode, 422, tooLong.body);
    assert.equal(tooLong.json().error, 'consent_invalid_duration');
    const tampered = await f.app.inject({ method: 'POST', url: '/grants', headers: auth(token.holder, 'grant-tampered'), payload: { ...good, duration: good.duration + 1 } });
    assert.equal(tampered.json().error, 'consent_signature_invalid');
    assert.equal(await f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address }), sponsorNonce);
  });

  it('shows the holder who accessed which attributes and when, from the on-chain access log', async () => {
    const verifierWallet = createWalletClient({ account: verifier, chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions);
    const digest = attributesDigest(['ageOver18']);
    const logged = await logAccess(verifierWallet as never, { holderRegistry: f.chain.holderRegistry, holder: holder.address, uid, attributes: digest, success: true });
    await logAccess(verifierWallet as never, { holderRegistry: f.chain.holderRegistry, holder: stranger.address, uid, success: false });
    await indexed();
    const res = await f.app.inject({ method: 'GET', url: '/me/access-log', headers: auth(token.holder) });
    assert.equal(res.statusCode, 200, res.body);
    const [entry, ...rest] = res.json().entries;
    assert.deepEqual(rest, []);
    assert.deepEqual([entry.verifier, entry.uid, entry.attributes, entry.success, entry.proof.transactionHash], [verifier.address, uid, digest, true, logged.hash]);
    assert.equal(entry.blockTime, Number((await f.chain.reader.getBlock({ blockNumber: logged.blockNumber })).timestamp));
    // The stranger sees its own timeline only.
    const strangers = (await f.app.inject({ method: 'GET', url: '/me/access-log', headers: auth(token.stranger) })).json().entries;
    assert.deepEqual(strangers.map((e: { success: boolean }) => e.success), [false]);
    assert.equal((await f.app.inject({ method: 'GET', url: '/me/access-log?limit=abc', headers: auth(token.holder) })).statusCode, 400);
  });

  it('serves an encrypted share to its verifier only, stops at revocation, deletes the wrapped key and sends a signed webhook', async () => {
    const sub = await f.app.inject({ method: 'POST', url: '/webhooks', headers: auth(token.verifier), payload: { url: hook.url, events: ['grant.revoked', 'credential.revoked'] } });
    assert.equal(sub.statusCode, 201, sub.body);

    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [verifier.publicKey] });
    const put = await f.app.inject({ method: 'PUT', url: '/shares', headers: auth(token.holder), payload: { envelope, ciphertext: Buffer.from(ciphertext).toString('base64') } });
    assert.equal(put.statusCode, 201, put.body);
    assert.deepEqual(put.json(), { cid: envelope.cid, verifiers: [verifier.address] });

    const fetchShare = (t: string) => f.app.inject({ method: 'GET', url: `/shares/${holder.address}/${uid}`, headers: auth(t) });
    const got = await fetchShare(token.verifier);
    assert.equal(got.statusCode, 200, got.body);
    const opened = openDisclosures({ envelope: got.json().envelope, ciphertext: Buffer.from(got.json().ciphertext, 'base64url'), privateKey: verifierKey });
    assert.deepEqual(opened.disclosures, disclosures);
    assert.equal((await fetchShare(token.stranger)).statusCode, 403);
    assert.equal((await fetchShare(token.holder)).statusCode, 403);

    // The holder revokes; the verifier gets nothing new, and its wrapped key is gone.
    const signed = await signRevokeAccess(holderClient, { holderRegistry: f.chain.holderRegistry, account: holder, verifier: verifier.address, uid });
    const revoke = await f.app.inject({
      method: 'POST', url: '/grants/revoke', headers: auth(token.holder, 'revoke-verifier-1'),
      payload: { holder: signed.holder, verifier: signed.verifier, uid: signed.uid, deadline: Number(signed.deadline), signature: signed.signature },
    });
    assert.equal(revoke.statusCode, 200, revoke.body);
    const after = await fetchShare(token.verifier);
    assert.equal(after.statusCode, 410, after.body);
    assert.equal(after.json().error, 'grant_revoked');
    assert.equal(await f.storage.shareKeys.get(holder.address, verifier.address, uid), null);

    await until('the grant.revoked webhook', () => hook.received.length > 0);
    const [delivery] = hook.received;
    const jwks = (await f.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    await verifyWebhookSignature({ body: delivery!.body, signature: delivery!.headers['identree-signature'] as string, keys: jwks });
    const payload = JSON.parse(delivery!.body.toString());
    assert.equal(payload.event, 'grant.revoked');
    assert.equal(payload.deliveryId, delivery!.headers['identree-delivery']);
    assert.deepEqual([payload.data.holder, payload.data.verifier, payload.data.uid], [holder.address, verifier.address, uid]);
    // Tampering with one byte of the body breaks the signature.
    const tampered = Buffer.from(delivery!.body.toString().replace(holder.address, stranger.address));
    await assert.rejects(verifyWebhookSignature({ body: tampered, signature: delivery!.headers['identree-signature'] as string, keys: jwks }), WebhookSignatureError);
  });

  it('refuses a share when the chain says the grant was revoked, even before the indexer has seen it', async () => {
    // A funded holder revokes directly on chain while the indexer is stopped.
    const funded = privateKeyToAccount(generatePrivateKey());
    await f.chain.sponsor.registerEntity({ entity: funded.address, kind: 'Person' });
    await f.chain.sponsor.sendTransaction({ to: funded.address, value: parseEther('1') });
    const { uid: own } = await f.chain.sponsor.anchorCredential({ subject: funded.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ n: 'funded' }).commitment });
    const wallet = createWalletClient({ account: funded, chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions);
    await grantAccess(wallet as never, { holderRegistry: f.chain.holderRegistry, verifier: verifier.address, uid: own, duration: 3600 });
    await indexed();
    const { envelope, ciphertext } = sealDisclosures({ holder: funded.address, uid: own, disclosures, recipients: [verifier.publicKey] });
    const put = await f.app.inject({ method: 'PUT', url: '/shares', headers: auth(await f.login(funded)), payload: { envelope, ciphertext: Buffer.from(ciphertext).toString('base64') } });
    assert.equal(put.statusCode, 201, put.body);
    await f.worker.indexer.stop();
    try {
      await revokeAccess(wallet as never, { holderRegistry: f.chain.holderRegistry, verifier: verifier.address, uid: own });
      const res = await f.app.inject({ method: 'GET', url: `/shares/${funded.address}/${own}`, headers: auth(token.verifier) });
      assert.equal(res.statusCode, 410, res.body);
      assert.equal(await f.storage.shareKeys.get(funded.address, verifier.address, own), null);
    } finally {
      f.worker.indexer.start();
    }
  });

  it('refuses a share for a verifier without a live grant, and a ciphertext that is not the envelope\'s', async () => {
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [stranger.publicKey] });
    const noGrant = await f.app.inject({ method: 'PUT', url: '/shares', headers: auth(token.holder), payload: { envelope, ciphertext: Buffer.from(ciphertext).toString('base64') } });
    assert.equal(noGrant.statusCode, 409, noGrant.body);
    assert.match(noGrant.json().message, /recipients\.0\.verifier/);
    const bad = await f.app.inject({ method: 'PUT', url: '/shares', headers: auth(token.holder), payload: { envelope: { ...envelope, version: 2 }, ciphertext: 'AAAA' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /body\.envelope\.version/);
  });

  it('retries a failed webhook delivery with the same delivery id', async () => {
    hook.failWith(500);
    const before = hook.received.length;
    await f.storage.webhooks.enqueue({ owners: [verifier.address], event: 'credential.revoked', payload: { uid, note: 'retry-test' } });
    const mine = () => hook.received.slice(before).filter((r) => JSON.parse(r.body.toString()).data.note === 'retry-test');
    await until('a first attempt', () => mine().length > 0);
    const firstId = String(mine()[0]!.headers['identree-delivery']);
    hook.failWith(200);
    // The receiver sees the request before the dispatcher records the answer, so wait for the record.
    await until('the failure recorded', async () => (await f.storage.webhooks.getDelivery(firstId))?.lastError != null);
    const delivery = await f.storage.webhooks.getDelivery(firstId);
    assert.equal(delivery?.lastError, 'HTTP 500');
    // Backoff is 2 s after the first failure; the retry carries the same delivery id.
    await until('the retry', () => mine().length > 1, 15_000);
    assert.deepEqual(mine().map((r) => r.headers['identree-delivery']), [firstId, firstId]);
    await until('delivered status', async () => (await f.storage.webhooks.getDelivery(firstId))?.status === 'delivered');
    assert.equal((await f.storage.webhooks.getDelivery(firstId))?.attempts, 2);
  });

  it('serves the key controlling an identity, and guardians to the identity only', async () => {
    const key = await f.app.inject({ method: 'GET', url: `/identities/${holder.address}/key` });
    assert.equal(key.statusCode, 200, key.body);
    assert.deepEqual(key.json(), { identity: holder.address, key: holder.address, lastChange: null });
    assert.equal((await f.app.inject({ method: 'GET', url: `/identities/${generatePrivateKey().slice(0, 42)}/key` })).statusCode, 404);
    const own = await f.app.inject({ method: 'GET', url: `/identities/${holder.address}/guardians`, headers: auth(token.holder) });
    assert.equal(own.statusCode, 200, own.body);
    assert.deepEqual(own.json().guardians, []);
    assert.equal((await f.app.inject({ method: 'GET', url: `/identities/${holder.address}/guardians`, headers: auth(token.stranger) })).statusCode, 403);
  });
});
