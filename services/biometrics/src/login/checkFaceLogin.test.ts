import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createSiweMessage } from 'viem/siwe';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { faceMatchResultHash, livenessChallengeHash, memoryFaceAuditLog, memoryTemplateRecords } from '@identree/biometrics';
import { sealFaceTemplate } from '@identree/sdk';
import { FaceRequestError } from '../errors.js';
import type { FaceChain } from '../ports/ports.js';
import { openStorage } from '@identree/store';
import { storedTemplateRecords } from '../ports/storedTemplateRecords.js';
import { checkFaceLogin, FACE_MATCH_URN } from './checkFaceLogin.js';
import { issueFaceChallenge, memoryFaceChallenges } from './faceChallenges.js';
import { memoryFaceFailureLimiter } from './faceFailureLimiter.js';

const holder = privateKeyToAccount(generatePrivateKey());
const embedding = Float32Array.from({ length: 1024 }, (_, i) => Math.sin(i) / 32);
const { envelope } = sealFaceTemplate({ holder: holder.address, embedding, templateVersion: 3, recipients: [holder.publicKey] });
const model = 'human-3.3.6/faceres';
/** A chain fake: the unit under test is the binding, the chain port has its own test over anvil. */
const chain = (current = true): FaceChain => ({
  relay: async () => ({ hash: '0x' }),
  isCurrent: async (_i, cid, v) => current && cid === envelope.cid && v === 3,
  status: async () => ({ templateVersion: 3, status: 'enrolled' }),
  identityOf: async (key) => key,
  keyOf: async (identity) => identity,
  isGuardian: async () => false,
  grantExpiry: async () => null,
  isActive: async () => true,
  now: async () => Math.floor(Date.now() / 1000),
  logAccess: async () => ({ hash: '0x' }),
  typedData: async () => { throw new Error('not used'); },
});

const setup = async (now = () => Date.now(), spoofGate?: { minReal: number; minLive: number }) => {
  const records = memoryTemplateRecords();
  await records.put({ holder: holder.address, envelope, model, enrolledAt: 0 });
  const challenges = memoryFaceChallenges({ now });
  const limiter = memoryFaceFailureLimiter({ maxFailures: 2, windowMs: 60_000, now });
  const audit = memoryFaceAuditLog();
  const { nonce, challenge } = await issueFaceChallenge({ identity: holder.address, nonce: `n${Math.random().toString(36).slice(2, 14)}`, challenges, spoofGate });
  const match = { outcome: 'matched' as const, cid: envelope.cid, templateVersion: 3, model, threshold: 0.5 };
  const message = (resource: string) => createSiweMessage({ address: holder.address, chainId: 1, domain: 'id.test', nonce, uri: 'https://id.test', version: '1', resources: [resource] });
  const bound = `${FACE_MATCH_URN}${faceMatchResultHash({ ...match, livenessHash: livenessChallengeHash(challenge) })}`;
  return { records, challenges, limiter, audit, match, message, bound, nonce, challenge };
};

test('a match result bound to the issued challenge and the current template logs in, once', async () => {
  const s = await setup();
  const { identity } = await checkFaceLogin({ ...s, chain: chain(), key: holder.address, message: s.message(s.bound) });
  assert.equal(identity, holder.address);
  assert.deepEqual(s.audit.events.map((e) => e.action), ['login-matched']);
  await assert.rejects(checkFaceLogin({ ...s, chain: chain(), key: holder.address, message: s.message(s.bound) }), (e: FaceRequestError) => e.code === 'challenge_unknown');
});

test('a result bound to another challenge, a replaced template or a low threshold is face_not_matched and counts; then 429', async () => {
  const s = await setup();
  const other = `${FACE_MATCH_URN}0x${'ab'.repeat(32)}`;
  await assert.rejects(checkFaceLogin({ ...s, chain: chain(), key: holder.address, message: s.message(other) }), (e: FaceRequestError) => e.code === 'face_not_matched' && e.statusCode === 401 && !/0\.\d/.test(e.message));
  const t = await setup();
  await assert.rejects(checkFaceLogin({ ...t, chain: chain(false), key: holder.address, message: t.message(t.bound) }), (e: FaceRequestError) => e.code === 'face_not_matched');
  const u = await setup();
  const low = { ...u.match, threshold: 0.1 };
  await assert.rejects(checkFaceLogin({ ...u, match: low, chain: chain(), key: holder.address, message: u.message(u.bound) }), (e: FaceRequestError) => e.code === 'face_not_matched');
});

test('with the anti-spoof policy on, the issued challenge carries it, and a login whose liveness hash leaves it out is face_not_matched and counts', async () => {
  const s = await setup(undefined, { minReal: 0.6, minLive: 0.5 });
  assert.deepEqual(s.challenge.spoofGate, { minReal: 0.6, minLive: 0.5 });
  // a device that performed the steps but dropped the policy (an old or a modified client) binds the hash without it
  const { spoofGate: _, ...withoutPolicy } = s.challenge;
  const unguarded = `${FACE_MATCH_URN}${faceMatchResultHash({ ...s.match, livenessHash: livenessChallengeHash(withoutPolicy) })}`;
  assert.notEqual(unguarded, s.bound);
  await assert.rejects(checkFaceLogin({ ...s, chain: chain(), key: holder.address, message: s.message(unguarded) }), (e: FaceRequestError) => e.code === 'face_not_matched' && e.statusCode === 401);
  assert.deepEqual(s.audit.events.map((e) => e.action), ['login-failed']);
  // so is one bound to a lower policy than the one issued
  const t = await setup(undefined, { minReal: 0.6, minLive: 0.5 });
  const lowered = `${FACE_MATCH_URN}${faceMatchResultHash({ ...t.match, livenessHash: livenessChallengeHash({ ...t.challenge, spoofGate: { minReal: 0, minLive: 0 } }) })}`;
  await assert.rejects(checkFaceLogin({ ...t, chain: chain(), key: holder.address, message: t.message(lowered) }), (e: FaceRequestError) => e.code === 'face_not_matched');
  // bound to the challenge as issued, policy included, it logs in
  const u = await setup(undefined, { minReal: 0.6, minLive: 0.5 });
  assert.equal((await checkFaceLogin({ ...u, chain: chain(), key: holder.address, message: u.message(u.bound) })).identity, holder.address);
});

test('the limiter locks an identity after its failures, names the wait, and frees it when the window passes', async () => {
  let now = 1_000_000;
  const limiter = memoryFaceFailureLimiter({ maxFailures: 2, windowMs: 60_000, now: () => now });
  await limiter.fail(holder.address);
  await limiter.check(holder.address);
  now += 10_000;
  await limiter.fail(holder.address);
  await assert.rejects(limiter.check(holder.address), (e: FaceRequestError) => e.code === 'too_many_face_failures' && e.retryAfterSeconds === 50);
  await limiter.check(privateKeyToAccount(generatePrivateKey()).address);
  now += 50_001;
  await limiter.check(holder.address);
});

test('an expired challenge is refused', async () => {
  let now = Date.now();
  const s = await setup(() => now);
  now += 10 * 60_000;
  await assert.rejects(checkFaceLogin({ ...s, chain: chain(), key: holder.address, message: s.message(s.bound) }), (e: FaceRequestError) => e.code === 'challenge_unknown');
});

const dir = await mkdtemp(path.join(tmpdir(), 'face-records-'));
after(() => rm(dir, { recursive: true, force: true }));
test('envelopes in the database survive a reopen, a second process reads them, and their deletion leaves no wrapped key', async () => {
  const storage = await openStorage({ dataDir: dir });
  const records = storedTemplateRecords(storage.faceTemplates);
  await records.put({ holder: holder.address, envelope, model, enrolledAt: 1 });
  await storage.close();
  const reopened = await openStorage({ dataDir: dir });
  try {
    // Another API process builds its own records over the same database.
    const other = storedTemplateRecords(reopened.faceTemplates);
    assert.deepEqual(await other.get(holder.address.toLowerCase() as `0x${string}`), { holder: holder.address, envelope, model, enrolledAt: 1 });
    assert.equal(await other.delete(holder.address), true);
    assert.equal(await other.get(holder.address), null);
    assert.equal(await reopened.faceTemplates.get(holder.address), null);
    assert.equal(await other.delete(holder.address), false);
  } finally {
    await reopened.close();
  }
});
