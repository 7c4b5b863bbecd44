import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { SiweMessage } from 'siwe';
import { verifyMessage as ethersVerifyMessage } from 'ethers';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { holderRegistryAbi } from '@identree/abi';
import { devPrivateKey } from '@identree/devchain';
import {
  faceTemplateGrantUid,
  grantFaceTemplateKey,
  relayGrantAccess,
  signGrantAccess,
  getFaceTemplateCommitment,
  openFaceTemplate,
  sealFaceTemplate,
  signFaceTemplateMessage,
  type FaceTemplateEnvelope,
} from '@identree/sdk';
import { cosineSimilarity, DEFAULT_FACE_THRESHOLD, extractFace, faceMatchResultHash, livenessChallengeHash, type LivenessChallenge } from '@identree/biometrics';
import { createHumanEngine, type HumanEngine } from '@identree/biometrics/human';
import { collectFacePhotos } from '@identree/biometrics/faces';
import {
  auditedFacePorts,
  memoryKioskKeys,
  storedFaceChallenges,
  storedFaceFailureLimiter,
  storedTemplateRecords,
  type FaceChallengeStore,
  type FaceFailureLimiter,
} from '@identree/biometrics-service';
import { FsBlobStore } from '@identree/store';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';
import { faceDependencies } from '../face/faceDependencies.js';
import { relayedFaceChain } from '../face/relayedFaceChain.js';
import { writesGateway } from '../chainWorker/writesGateway.js';

/**
 * Face templates and face login through the whole service (anvil, PGlite, the chain worker, the real
 * auth plugin), with real photos from face_recognition's test images (PyPI, MIT) embedded by human on
 * tfjs-wasm. The holder's device is played here: it embeds, seals, matches and signs; the SIWE message is
 * built by the `siwe` package, so the service parses a message it did not write.
 */
describe('face templates and face login', () => {
  let f: ServiceFixture;
  let app: FastifyInstance;
  let engine: HumanEngine;
  let faceTemplateRegistry: `0x${string}`;
  let blobs: FsBlobStore;
  const holderKey = generatePrivateKey();
  const holder = privateKeyToAccount(holderKey);
  let token: string;
  /** Another API process: its own app, challenge store and limiter, over the same database. */
  let otherProcess: () => Promise<FastifyInstance>;
  /** An API process whose operator turned the anti-spoof policy on (FACE_ANTISPOOF=real=0.6,live=0.5). */
  let gatedProcess: () => Promise<FastifyInstance>;
  const kioskPrivateKey = generatePrivateKey();
  const photo = (name: string) => {
    const hit = collectFacePhotos().find((p) => path.basename(p.file) === name);
    assert.ok(hit, `${name} from face_recognition's test images`);
    return new Uint8Array(readFileSync(hit.file));
  };
  const embed = async (name: string) => (await extractFace({ engine, image: photo(name) })).embedding;

  before(async () => {
    f = await serviceFixture();
    engine = await createHumanEngine();
    // The registry the service deployed, which its chain worker relays to (the writes go through its outbox).
    ({ faceTemplateRegistry } = f);
    await (f.chain.sponsor as any).registerEntity({ entity: holder.address, kind: 'Person' });
    blobs = new FsBlobStore(path.join(f.dataDir, 'face-blobs'));
    const ports = auditedFacePorts({ blobs, audit: f.storage.audit });
    // Each API process builds its own challenge store and limiter; what they share is the database.
    const perProcess = (): { challenges: FaceChallengeStore; limiter: FaceFailureLimiter } => ({
      challenges: storedFaceChallenges(f.storage.nonces),
      limiter: storedFaceFailureLimiter(f.storage.loginFailures, { maxFailures: 3 }),
    });
    const shared = {
      chain: relayedFaceChain({ chain: f.chain, writes: writesGateway(f.chainWorker), faceTemplateRegistry }),
      ...ports,
      records: storedTemplateRecords(f.storage.faceTemplates),
      kiosk: { kiosk: { privateKey: kioskPrivateKey, verifier: f.chain.sponsorAddress }, kioskKeys: memoryKioskKeys(), engine: async () => engine },
    };
    app = await f.mount({ face: { ...shared, ...perProcess() } });
    otherProcess = () => f.mount({ face: { ...shared, ...perProcess() } });
    gatedProcess = () => f.mount({ face: { ...shared, ...perProcess(), spoofGate: { minReal: 0.6, minLive: 0.5 } } });
    token = await f.login(holder);
  });
  after(async () => {
    await engine?.dispose?.();
    await f?.stop();
  });

  const auth = () => ({ authorization: `Bearer ${token}` });
  const sealed = async (name: string, templateVersion: number) => {
    const { envelope, ciphertext } = sealFaceTemplate({ holder: holder.address, embedding: await embed(name), templateVersion, recipients: [holder.publicKey] });
    return { envelope, ciphertext };
  };
  const signed = async (action: 'enroll' | 'reenroll' | 'erase', templateVersion: number, cid?: string) => {
    const s = await signFaceTemplateMessage(f.chain.reader as never, { faceTemplateRegistry, action, cid, templateVersion, account: holder });
    return { ...s, nonce: s.nonce.toString(), deadline: s.deadline.toString() };
  };
  const enrollBody = async (name: string, templateVersion: number, action: 'enroll' | 'reenroll') => {
    const { envelope, ciphertext } = await sealed(name, templateVersion);
    return { model: engine.model, envelope, ciphertext: Buffer.from(ciphertext).toString('base64url'), signed: await signed(action, templateVersion, envelope.cid) };
  };

  /** Asks for the sealed template as the device does: a SIWE message over a fresh nonce, built by `siwe`, proving the key. */
  const templateRequest = async (account: { address: `0x${string}`; signMessage: (p: { message: string }) => Promise<`0x${string}`> } = holder, resources = ['urn:identree:face-template-request'], at = app) => {
    const n = (await at.inject({ method: 'POST', url: '/auth/nonce' })).json();
    const message = new SiweMessage({ domain: n.domain, address: account.address, statement: n.statement, uri: n.uri, version: '1', chainId: n.chainId, nonce: n.nonce, issuedAt: new Date().toISOString(), resources }).prepareMessage();
    return at.inject({ method: 'POST', url: '/auth/face/challenge', payload: { message, signature: await account.signMessage({ message }) } });
  };
  /** The holder's device: challenge, local match against the opened template, a SIWE message by `siwe`. */
  const faceLogin = async (name: string, loginAt?: FastifyInstance, { dropPolicy = false, issueAt = app } = {}) => {
    const c = await templateRequest(holder, undefined, issueAt);
    assert.equal(c.statusCode, 200, c.body);
    const { nonce, domain, uri, chainId, statement, challenge, template } = c.json() as {
      nonce: string; domain: string; uri: string; chainId: number; statement: string; challenge: LivenessChallenge;
      template: { envelope: FaceTemplateEnvelope; model: string; ciphertext: string };
    };
    const enrolled = openFaceTemplate({ envelope: template.envelope, ciphertext: new Uint8Array(Buffer.from(template.ciphertext, 'base64url')), privateKey: holderKey });
    const matched = cosineSimilarity(enrolled, await embed(name)) >= DEFAULT_FACE_THRESHOLD;
    const match = { outcome: matched ? 'matched' as const : 'not-matched' as const, cid: template.envelope.cid, templateVersion: template.envelope.templateVersion, model: template.model, threshold: DEFAULT_FACE_THRESHOLD };
    // a device that ignores the anti-spoof policy: it hashes the challenge as if none were issued
    const { spoofGate: _, ...withoutPolicy } = challenge;
    const hash = faceMatchResultHash({ ...match, livenessHash: livenessChallengeHash(dropPolicy ? withoutPolicy : challenge) });
    const message = new SiweMessage({
      domain, address: holder.address, statement, uri, version: '1', chainId, nonce, issuedAt: new Date().toISOString(),
      resources: [`urn:identree:face-${matched ? 'match' : 'mismatch'}:${hash}`],
    }).prepareMessage();
    const signature = await holder.signMessage({ message });
    return (loginAt ?? app).inject({ method: 'POST', url: '/auth/face/login', payload: { message, signature, match } });
  };

  it('enrolls a template sealed on the device: the service keeps ciphertext it cannot open and the chain its commitment', async () => {
    const body = await enrollBody('obama.jpg', 1, 'enroll');
    const res = await app.inject({ method: 'POST', url: '/face/templates', headers: auth(), payload: body });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().cid, body.envelope.cid);
    const onChain = await getFaceTemplateCommitment(f.chain.reader as never, { faceTemplateRegistry, identity: holder.address });
    assert.deepEqual([onChain.status, onChain.templateVersion], ['enrolled', 1]);
    const stored = await blobs.get(body.envelope.cid);
    assert.ok(stored, 'the ciphertext is pinned');
    assert.throws(() => openFaceTemplate({ envelope: body.envelope, ciphertext: stored, privateKey: generatePrivateKey() }), /holds no key/, 'no key but the holder\'s opens it');
    const again = await app.inject({ method: 'POST', url: '/face/templates', headers: auth(), payload: await enrollBody('obama.jpg', 2, 'enroll') });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error, 'template_exists');
  });

  it('answers the chain\'s record and prepares the EIP-712 message a key held elsewhere signs', async () => {
    const status = await app.inject({ method: 'GET', url: `/face/templates/${holder.address}` });
    assert.deepEqual(status.json(), { templateVersion: 1, status: 'enrolled' });
    const prepared = await app.inject({ method: 'POST', url: '/prepare/face/erase', payload: { identity: holder.address, templateVersion: 1 } });
    assert.equal(prepared.statusCode, 200, prepared.body);
    const typed = prepared.json();
    const direct = await signFaceTemplateMessage(f.chain.reader as never, { faceTemplateRegistry, action: 'erase', templateVersion: 1, account: holder, deadline: BigInt(typed.message.deadline) });
    const message = { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) };
    assert.equal(await holder.signTypedData({ ...typed, message }), direct.signature, 'the prepared message is the one the SDK signs');
    const noCid = await app.inject({ method: 'POST', url: '/prepare/face/enroll', payload: { identity: holder.address, templateVersion: 2 } });
    assert.equal(noCid.statusCode, 400, noCid.body);
  });

  it('refuses an envelope whose CID is not its ciphertext\'s, and one that is another holder\'s, keeping nothing', async () => {
    const body = await enrollBody('obama2.jpg', 2, 'reenroll');
    const swapped = { ...body, ciphertext: Buffer.from(new Uint8Array(4 * body.envelope.dimensions + 16)).toString('base64url') };
    const res = await app.inject({ method: 'PUT', url: '/face/templates', headers: auth(), payload: swapped });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error, 'template_mismatch');
    const other = privateKeyToAccount(generatePrivateKey());
    const foreign = { ...body, envelope: { ...body.envelope, holder: other.address } };
    const res2 = await app.inject({ method: 'PUT', url: '/face/templates', headers: auth(), payload: foreign });
    assert.equal(res2.statusCode, 403, res2.body);
    assert.equal(res2.json().error, 'holder_mismatch');
    assert.equal(await blobs.get(body.envelope.cid), null, 'nothing pinned');
  });

  it('logs in with the same person\'s other photo: the token carries amr face and hwk, and siwe and ethers agree on the message', async () => {
    const res = await faceLogin('obama2.jpg');
    assert.equal(res.statusCode, 200, res.body);
    const claims = decodeJwt(res.json().accessToken);
    assert.deepEqual(claims.amr, ['face', 'hwk']);
    assert.equal(claims.sub, holder.address);
    const me = await app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${res.json().accessToken}` } });
    assert.equal(me.statusCode, 200, me.body);
  });

  it('a challenge one API process issued is taken by another: the challenge lives in the shared database', async () => {
    const second = await otherProcess();
    const res = await faceLogin('obama2.jpg', second);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(decodeJwt(res.json().accessToken).amr, ['face', 'hwk']);
  });

  it('with the anti-spoof policy on, the challenge carries it and a login whose liveness hash leaves it out is refused', async () => {
    const gated = await gatedProcess();
    const c = await templateRequest(holder, undefined, gated);
    assert.equal(c.statusCode, 200, c.body);
    assert.deepEqual(c.json().challenge.spoofGate, { minReal: 0.6, minLive: 0.5 });
    assert.equal((await templateRequest()).json().challenge.spoofGate, undefined, 'off by default');
    const dropped = await faceLogin('obama2.jpg', gated, { dropPolicy: true, issueAt: gated });
    assert.equal(dropped.statusCode, 401, dropped.body);
    assert.equal(dropped.json().error, 'face_not_matched');
    const bound = await faceLogin('obama2.jpg', gated, { issueAt: gated });
    assert.equal(bound.statusCode, 200, bound.body);
  });

  it('hands the sealed template only to the identity\'s current key, on a fresh SIWE proof for that purpose', async () => {
    const stranger = privateKeyToAccount(generatePrivateKey());
    const theirs = await templateRequest(stranger);
    assert.equal(theirs.statusCode, 404, 'a stranger\'s key proves its own identity, which has no template; the holder\'s is not named');
    const plainLogin = await templateRequest(holder, []);
    assert.equal(plainLogin.statusCode, 401, plainLogin.body);
    assert.equal(plainLogin.json().error, 'key_proof_invalid');
    assert.doesNotMatch(plainLogin.body, /wrappedKey/);
    const naming = async () => {
      const n = (await app.inject({ method: 'POST', url: '/auth/nonce' })).json();
      return { n, message: new SiweMessage({ domain: n.domain, address: holder.address, uri: n.uri, version: '1', chainId: n.chainId, nonce: n.nonce, issuedAt: new Date().toISOString(), resources: ['urn:identree:face-template-request'] }).prepareMessage() };
    };
    const impostor = (await naming()).message;
    const forged = await app.inject({ method: 'POST', url: '/auth/face/challenge', payload: { message: impostor, signature: await stranger.signMessage({ message: impostor }) } });
    assert.equal(forged.statusCode, 401, 'a message naming the holder, signed by another key');
    assert.equal(forged.json().error, 'key_proof_invalid');
    const { n, message } = await naming();
    const replayed = await app.inject({ method: 'POST', url: '/auth/face/challenge', payload: { message, signature: await holder.signMessage({ message }) } });
    assert.equal(replayed.statusCode, 200, replayed.body);
    const again = await app.inject({ method: 'POST', url: '/auth/face/challenge', payload: { message, signature: await holder.signMessage({ message }) } });
    assert.equal(again.statusCode, 401, 'the proof\'s nonce is used once');
    assert.equal(replayed.json().identity, holder.address);
    assert.notEqual(replayed.json().nonce, n.nonce, 'the login gets a fresh nonce');
  });

  it('a challenge is used once: replaying a successful login is refused', async () => {
    const c = await templateRequest();
    const { nonce } = c.json();
    const message = new SiweMessage({ domain: c.json().domain, address: holder.address, uri: c.json().uri, version: '1', chainId: c.json().chainId, nonce, issuedAt: new Date().toISOString(), resources: ['urn:identree:face-match:0x' + '11'.repeat(32)] }).prepareMessage();
    const signature = await holder.signMessage({ message });
    assert.equal(ethersVerifyMessage(message, signature), holder.address, 'ethers recovers the holder from the message siwe built');
    const match = { outcome: 'matched', cid: 'bafkreiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', templateVersion: 1, model: engine.model, threshold: 0.5 };
    const first = await app.inject({ method: 'POST', url: '/auth/face/login', payload: { message, signature, match } });
    assert.equal(first.statusCode, 401, 'a match result not bound to the challenge is refused');
    assert.equal(first.json().error, 'face_not_matched');
    const replay = await app.inject({ method: 'POST', url: '/auth/face/login', payload: { message, signature, match } });
    assert.equal(replay.statusCode, 401);
  });

  it('a kiosk checks a photo on the holder\'s short-lived grant, names what is wrong with a bad photo, and logs every check on chain', async () => {
    const kiosk = (await app.inject({ method: 'GET', url: '/face/kiosk' })).json();
    const { template } = (await templateRequest()).json();
    const wrappedKey = grantFaceTemplateKey({ envelope: template.envelope, privateKey: holderKey, recipientPublicKey: kiosk.publicKey });
    const early = await app.inject({ method: 'POST', url: '/face/kiosk/grants', headers: auth(), payload: { wrappedKey } });
    assert.equal(early.statusCode, 403, early.body);
    assert.equal(early.json().error, 'kiosk_not_granted');

    // The holder grants the service five minutes, signed on its device and relayed (it holds no ether).
    const holderRegistry = f.chain.holderRegistry;
    const grant = await signGrantAccess(f.chain.reader as never, { holderRegistry, account: holder, verifier: kiosk.verifier, uid: faceTemplateGrantUid(holder.address), duration: 300 });
    await relayGrantAccess(f.chain.sponsor as never, { holderRegistry, ...grant });
    const granted = await app.inject({ method: 'POST', url: '/face/kiosk/grants', headers: auth(), payload: { wrappedKey } });
    assert.equal(granted.statusCode, 201, granted.body);

    const operator = await f.login(privateKeyToAccount(devPrivateKey(0)));
    const check = (image: Uint8Array | Buffer, who = holder.address, bearer = operator) => app.inject({
      method: 'POST', url: `/face/kiosk/check?identity=${who}`, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'image/jpeg' }, payload: Buffer.from(image),
    });
    const ok = await check(photo('obama2.jpg'));
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { matched: true, templateVersion: 1 });
    const holderOnly = await check(photo('obama2.jpg'), holder.address, token);
    assert.equal(holderOnly.statusCode, 403, 'a visitor\'s token runs no kiosk');

    const expectError = async (image: Uint8Array | Buffer, error: string) => {
      const res = await check(image);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error, error);
      assert.ok(res.json().message.length > 10, 'the message names the problem');
    };
    await expectError(Buffer.from('%PDF-1.7 this is not a photo'), 'not_an_image');
    const blank = createCanvas(640, 480);
    const g = blank.getContext('2d');
    g.fillStyle = '#8a8a8a';
    g.fillRect(0, 0, 640, 480);
    await expectError(blank.toBuffer('image/png'), 'no_face');
    await expectError(photo('samples.jpg'), 'several_faces');
    const original = await loadImage(Buffer.from(photo('obama.jpg')));
    const tiny = createCanvas(1200, 900);
    tiny.getContext('2d').fillStyle = '#ffffff';
    tiny.getContext('2d').fillRect(0, 0, 1200, 900);
    tiny.getContext('2d').drawImage(original, 560, 420, original.width / 8, original.height / 8);
    await expectError(tiny.toBuffer('image/png'), 'face_too_small');

    const logged = await (f.chain.reader as any).getContractEvents({ address: holderRegistry, abi: holderRegistryAbi, eventName: 'AccessLogged', args: { holder: holder.address }, fromBlock: 0n });
    assert.equal(logged.length, 1, 'the successful check is on chain (bad photos never reached the template)');
    assert.equal(logged[0].args.success, true);
    assert.equal(logged[0].args.uid, faceTemplateGrantUid(holder.address));

    // As the consent registry's checkAccess: a suspended holder's grant opens nothing until reinstated.
    await (f.chain.sponsor as any).suspendEntity({ entity: holder.address });
    const suspended = await check(photo('obama2.jpg'));
    assert.equal(suspended.statusCode, 403, suspended.body);
    assert.equal(suspended.json().error, 'kiosk_not_granted');
    await (f.chain.sponsor as any).reinstateEntity({ entity: holder.address });

    const stranger = privateKeyToAccount(generatePrivateKey());
    const none = await check(photo('obama2.jpg'), stranger.address);
    assert.equal(none.statusCode, 403, none.body);
    assert.equal(none.json().error, 'kiosk_not_granted');
  });

  it('another person\'s face is a 401 without the score, and repeated failures are 429 with Retry-After', async () => {
    const res = await faceLogin('biden.jpg');
    assert.equal(res.statusCode, 401, res.body);
    assert.equal(res.json().error, 'face_not_matched');
    assert.doesNotMatch(res.body, /score|similar|0\.\d/i, 'no similarity in the answer');
    // The kiosk's successful check just before cleared the count; three failures in a row lock the identity.
    for (const attempt of [2, 3]) {
      const again = await faceLogin('biden.jpg');
      assert.equal(again.statusCode, 401, `attempt ${attempt}: ${again.body}`);
    }
    const locked = await faceLogin('obama2.jpg');
    assert.equal(locked.statusCode, 429, locked.body);
    assert.equal(locked.json().error, 'too_many_face_failures');
    assert.ok(Number(locked.headers['retry-after']) > 0, 'Retry-After names the wait');
    // A restarted API process (a fresh limiter object over the same database) still refuses the identity.
    const restarted = await faceLogin('obama2.jpg', await otherProcess());
    assert.equal(restarted.statusCode, 429, restarted.body);
    assert.equal(restarted.json().error, 'too_many_face_failures');
  });

  it('re-enrollment replaces the template, unpins the old one and logs it; erasure destroys the keys, the blob and records it on chain', async () => {
    const before = (await templateRequest()).json().template.envelope.cid;
    const body = await enrollBody('obama3.jpg', 2, 'reenroll');
    const res = await app.inject({ method: 'PUT', url: '/face/templates', headers: auth(), payload: body });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().replaced, { cid: before, templateVersion: 1 });
    assert.equal(await blobs.get(before), null, 'the replaced ciphertext is gone');
    const row = await f.storage.faceTemplates.get(holder.address);
    assert.equal(row?.templateVersion, 2);
    assert.deepEqual(row?.envelope, body.envelope, 'the database holds the new envelope whole, and only its wrapped keys');

    const stale = await app.inject({ method: 'DELETE', url: '/face/templates', headers: auth(), payload: { signed: await signed('erase', 1) } });
    assert.equal(stale.statusCode, 400, stale.body);
    const erased = await app.inject({ method: 'DELETE', url: '/face/templates', headers: auth(), payload: { signed: await signed('erase', 2) } });
    assert.equal(erased.statusCode, 200, erased.body);
    assert.equal(await blobs.get(body.envelope.cid), null, 'the blob is deleted');
    assert.equal(await f.storage.faceTemplates.get(holder.address), null, 'no wrapped key is left in the database');
    assert.equal((await getFaceTemplateCommitment(f.chain.reader as never, { faceTemplateRegistry, identity: holder.address })).status, 'erased');
    const challenge = await templateRequest();
    assert.equal(challenge.statusCode, 404, challenge.body);
    assert.equal(challenge.json().error, 'template_not_found');
    const audit = await f.storage.audit.listBySubject(holder.address);
    const actions = audit.map((a) => a.action);
    for (const action of ['BlobPinned', 'FaceTemplateEnrolled', 'FaceTemplateReplaced', 'BlobErased', 'FaceTemplateErased', 'FaceLoginMatched', 'FaceLoginFailed']) {
      assert.ok(actions.includes(action), `${action} in the audit log (${actions.join(', ')})`);
    }
  });

  it('a running service deploys its face template registry once and finds it again on restart', async () => {
    const dataDir = path.join(f.dataDir, 'another-service');
    mkdirSync(dataDir);
    // An envelope an earlier version kept as a file: the service moves it into the database and deletes it.
    const earlier = privateKeyToAccount(generatePrivateKey());
    const { envelope } = sealFaceTemplate({ holder: earlier.address, embedding: new Float32Array(8).fill(0.25), templateVersion: 1, recipients: [earlier.publicKey] });
    mkdirSync(path.join(dataDir, 'face-templates'));
    writeFileSync(path.join(dataDir, 'face-templates', `${earlier.address.toLowerCase()}.json`), JSON.stringify({ holder: earlier.address, envelope, model: 'human-3.3.6/faceres', enrolledAt: 5 }));
    const config = { ...f.config, dataDir };
    const first = await faceDependencies({ chain: f.chain, config, storage: f.storage });
    assert.deepEqual(await first.records.get(earlier.address), { holder: earlier.address, envelope, model: 'human-3.3.6/faceres', enrolledAt: 5 });
    assert.equal(existsSync(path.join(dataDir, 'face-templates')), false, 'the files are gone');
    const saved = JSON.parse(readFileSync(path.join(dataDir, 'face-template-registry.json'), 'utf8'));
    const second = await faceDependencies({ chain: f.chain, config, storage: f.storage });
    assert.equal(JSON.parse(readFileSync(path.join(dataDir, 'face-template-registry.json'), 'utf8')).faceTemplateRegistry, saved.faceTemplateRegistry, 'not redeployed');
    assert.notEqual(saved.faceTemplateRegistry, faceTemplateRegistry);
    assert.deepEqual(await first.chain.status(holder.address), await second.chain.status(holder.address));
    assert.equal((await first.chain.status(holder.address)).status, 'none', 'a fresh registry, not the test\'s');
  });

  it('bad input is a typed 400, never a 5xx', async () => {
    const res = await app.inject({ method: 'POST', url: '/face/templates', headers: auth(), payload: { model: 'x', envelope: { version: 2 }, ciphertext: '', signed: {} } });
    assert.equal(res.statusCode, 400, res.body);
    const login = await app.inject({ method: 'POST', url: '/auth/face/login', payload: { message: 'hello', signature: '0x00', match: { outcome: 'matched', cid: 'bafkrei', templateVersion: 1, model: 'm', threshold: 0.5 } } });
    assert.ok(login.statusCode === 400 || login.statusCode === 401, login.body);
  });
});
