import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { SiweMessage } from 'siwe';
import { createPublicClient, createTestClient, http, type Address, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import {
  grantFaceTemplateKey,
  openFaceTemplate,
  recoveryOf,
  sealFaceTemplate,
  signAddGuardian,
  signApproveRecovery,
  signFaceTemplateMessage,
  type FaceTemplateEnvelope,
  type RegistryClient,
} from '@identree/sdk';
import { DEFAULT_FACE_THRESHOLD, faceMatchResultHash, livenessChallengeHash, type LivenessChallenge } from '@identree/biometrics';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** A signed message as the API takes it: no nonce (the contract uses the current one), the deadline a number. */
const bodyOf = <T extends { nonce: bigint; deadline: bigint }>({ nonce: _nonce, deadline, ...rest }: T) => ({ ...rest, deadline: Number(deadline) });

/**
 * Face login across a guardian recovery, through the service as it runs (writes relayed by the chain worker):
 * the template's data key is wrapped to the holder and a guardian; after the recovery the guardian wraps it to
 * the new key on its own device, and the new key logs in with the same template. The service only ever
 * holds wrapped keys.
 */
describe('face login after a guardian recovery', () => {
  let f: ServiceFixture;
  let client: RegistryClient;
  const holderKey = generatePrivateKey();
  const bobKey = generatePrivateKey();
  const newKeyKey = generatePrivateKey();
  const [holder, bob, newKey, stranger] = [privateKeyToAccount(holderKey), privateKeyToAccount(bobKey), privateKeyToAccount(newKeyKey), privateKeyToAccount(generatePrivateKey())];
  const token: Record<string, string> = {};
  const embedding = Float32Array.from({ length: 1024 }, (_, i) => Math.sin(i * 7) / 32);
  let counter = 0;
  const post = (url: string, as: string | null, payload: object) =>
    f.app.inject({ method: 'POST', url, headers: { ...(as ? { authorization: `Bearer ${as}` } : {}), 'idempotency-key': `face-recovery-${++counter}-key` }, payload });
  const signed = async (account: LocalAccount, identity: Address, action: 'enroll', templateVersion: number, cid: string) => {
    const s = await signFaceTemplateMessage(client, { faceTemplateRegistry: f.faceTemplateRegistry, action, identity, cid, templateVersion, account });
    return { ...s, nonce: s.nonce.toString(), deadline: s.deadline.toString() };
  };
  const enrollBody = async (recipients: `0x${string}`[], templateVersion = 1) => {
    const { envelope, ciphertext } = sealFaceTemplate({ holder: holder.address, embedding, templateVersion, recipients });
    return { model: 'human-3.3.6/faceres', envelope, ciphertext: Buffer.from(ciphertext).toString('base64url'), signed: await signed(holder, holder.address, 'enroll', templateVersion, envelope.cid) };
  };
  /** The sealed template for whoever `account` is, on a fresh SIWE proof of its key. */
  const templateFor = async (account: LocalAccount) => {
    const n = (await f.app.inject({ method: 'POST', url: '/auth/nonce' })).json();
    const message = new SiweMessage({ domain: n.domain, address: account.address, uri: n.uri, version: '1', chainId: n.chainId, nonce: n.nonce, issuedAt: new Date().toISOString(), resources: ['urn:identree:face-template-request'] }).prepareMessage();
    return f.app.inject({ method: 'POST', url: '/auth/face/challenge', payload: { message, signature: await account.signMessage({ message }) } });
  };

  before(async () => {
    f = await serviceFixture();
    client = createPublicClient({ chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }) as never;
    for (const a of [holder, bob, stranger]) await f.chain.sponsor.registerEntity({ entity: a.address, kind: 'Person' });
    for (const [name, a] of Object.entries({ holder, bob, stranger, newKey })) token[name] = await f.login(a);
    const add = await post('/guardians', token.holder!, bodyOf(await signAddGuardian(client, { holderRegistry: f.chain.holderRegistry, account: holder, guardian: bob.address, threshold: 1 })));
    assert.equal(add.statusCode, 200, add.body);
  });
  after(() => f?.stop());

  it('refuses a template key wrapped to anyone but the holder and its current guardians, keeping nothing', async () => {
    const body = await enrollBody([holder.publicKey, stranger.publicKey]);
    const res = await post('/face/templates', token.holder!, body);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error, 'recipient_not_guardian');
    assert.match(res.json().message, new RegExp(stranger.address));
    assert.equal((await f.app.inject({ method: 'GET', url: `/face/templates/${holder.address}` })).json().status, 'none');
  });

  it('enrolls a template whose key is wrapped to the holder and its guardian', async () => {
    const res = await post('/face/templates', token.holder!, await enrollBody([holder.publicKey, bob.publicKey]));
    assert.equal(res.statusCode, 201, res.body);
  });

  it('after the recovery, a guardian gives the new key face login back; the service never holds a key it can open', async () => {
    // The holder lost its key: bob approves the new key through the sponsor, and it finalizes after the delay.
    const approval = await post('/recoveries/approvals', token.bob!, bodyOf(await signApproveRecovery(client, { holderRegistry: f.chain.holderRegistry, account: bob, identity: holder.address, newKey: newKey.address })));
    assert.equal(approval.statusCode, 200, approval.body);
    const { readyAt } = await recoveryOf(client, { holderRegistry: f.chain.holderRegistry, identity: holder.address, newKey: newKey.address });
    const test = createTestClient({ mode: 'anvil', transport: http(f.chain.rpcUrl) });
    await test.setNextBlockTimestamp({ timestamp: BigInt(readyAt) });
    await test.mine({ blocks: 1 });
    const done = await post('/recoveries/finalize', token.newKey!, { identity: holder.address, newKey: newKey.address });
    assert.equal(done.statusCode, 200, done.body);

    // The new key gets the sealed template but cannot open it yet: no key is wrapped to it.
    const before = await templateFor(newKey);
    assert.equal(before.statusCode, 200, before.body);
    const sealed = before.json().template as { envelope: FaceTemplateEnvelope; ciphertext: string };
    assert.throws(() => openFaceTemplate({ envelope: sealed.envelope, ciphertext: new Uint8Array(Buffer.from(sealed.ciphertext, 'base64url')), privateKey: newKeyKey }), /holds no key/);
    // The retired key is refused the envelope altogether.
    const retired = await templateFor(holder);
    assert.equal(retired.statusCode, 403, retired.body);
    assert.equal(retired.json().error, 'holder_mismatch');

    // Only a current guardian holding a wrapped key sees the envelope; it re-wraps on its own device.
    const denied = await f.app.inject({ method: 'GET', url: `/face/templates/${holder.address}/envelope`, headers: { authorization: `Bearer ${token.stranger}` } });
    assert.equal(denied.statusCode, 403, denied.body);
    assert.equal(denied.json().error, 'not_a_guardian');
    const view = await f.app.inject({ method: 'GET', url: `/face/templates/${holder.address}/envelope`, headers: { authorization: `Bearer ${token.bob}` } });
    assert.equal(view.statusCode, 200, view.body);
    assert.equal(view.json().key, newKey.address);
    const toStranger = grantFaceTemplateKey({ envelope: view.json().envelope, privateKey: bobKey, recipientPublicKey: stranger.publicKey });
    const wrong = await post(`/face/templates/${holder.address}/keys`, token.bob!, { wrappedKey: toStranger });
    assert.equal(wrong.statusCode, 400, 'only to the holder\'s current key');
    assert.equal(wrong.json().error, 'template_mismatch');
    const wrappedKey = grantFaceTemplateKey({ envelope: view.json().envelope, privateKey: bobKey, recipientPublicKey: newKey.publicKey });
    assert.equal((await post(`/face/templates/${holder.address}/keys`, token.stranger!, { wrappedKey })).statusCode, 403);
    const given = await post(`/face/templates/${holder.address}/keys`, token.bob!, { wrappedKey });
    assert.equal(given.statusCode, 201, given.body);
    assert.deepEqual(given.json().recipients, [bob.address, newKey.address], 'the retired key\'s wrap is gone');
    // The holder's audit trail names who re-wrapped, for whom and to which key, and holds no key material.
    const rewraps = (await f.storage.audit.listBySubject(holder.address)).filter((a) => a.action === 'FaceTemplateKeyRewrapped');
    assert.equal(rewraps.length, 1, 'one entry for the one re-wrap; the refused attempts wrote none');
    const [rewrap] = rewraps;
    assert.equal(rewrap!.actor?.toLowerCase(), bob.address.toLowerCase());
    const payload = rewrap!.payload as Record<string, unknown>;
    assert.equal(String(payload.recipient).toLowerCase(), newKey.address.toLowerCase());
    assert.equal(String(payload.guardian).toLowerCase(), bob.address.toLowerCase());
    assert.equal(payload.templateVersion, view.json().envelope.templateVersion);
    assert.ok(!JSON.stringify(rewrap).includes(wrappedKey.wrappedKey), 'the wrapped key is not in the audit log');
    const again = await post(`/face/templates/${holder.address}/keys`, token.bob!, { wrappedKey });
    assert.equal(again.statusCode, 409, 'a guardian never replaces the holder\'s key');
    assert.equal(again.json().error, 'key_exists');

    // The new key opens the same template and logs in with the face.
    const c = await templateFor(newKey);
    assert.equal(c.statusCode, 200, c.body);
    const { nonce, domain, uri, chainId, statement, challenge, template } = c.json() as {
      nonce: string; domain: string; uri: string; chainId: number; statement: string; challenge: LivenessChallenge; template: { envelope: FaceTemplateEnvelope; model: string; ciphertext: string };
    };
    const opened = openFaceTemplate({ envelope: template.envelope, ciphertext: new Uint8Array(Buffer.from(template.ciphertext, 'base64url')), privateKey: newKeyKey });
    assert.deepEqual([...opened], [...embedding], 'the template enrolled before the recovery');
    const match = { outcome: 'matched' as const, cid: template.envelope.cid, templateVersion: template.envelope.templateVersion, model: template.model, threshold: DEFAULT_FACE_THRESHOLD };
    const hash = faceMatchResultHash({ ...match, livenessHash: livenessChallengeHash(challenge) });
    const message = new SiweMessage({ domain, address: newKey.address, statement, uri, version: '1', chainId, nonce, issuedAt: new Date().toISOString(), resources: [`urn:identree:face-match:${hash}`] }).prepareMessage();
    const login = await f.app.inject({ method: 'POST', url: '/auth/face/login', payload: { message, signature: await newKey.signMessage({ message }), match } });
    assert.equal(login.statusCode, 200, login.body);
    assert.deepEqual(decodeJwt(login.json().accessToken).amr, ['face', 'hwk']);

    // Every key the envelope wraps to is a person's key; none is the service's (its sponsor or its kiosk).
    const kiosk = (await f.app.inject({ method: 'GET', url: '/face/kiosk' })).json();
    const recipients = template.envelope.wrappedKeys.map((k) => k.recipient);
    assert.ok(!recipients.includes(kiosk.recipient) && !recipients.includes(f.chain.sponsorAddress), recipients.join(', '));
  });
});
