import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { memoryFaceAuditLog, memoryTemplateRecords, type FaceEngine, type FaceObservation, type TemplateBlobStore } from '@identree/biometrics';
import { grantFaceTemplateKey, sealFaceTemplate } from '@identree/sdk';
import { FaceRequestError } from '../errors.js';
import type { FaceChain } from '../ports/ports.js';
import { memoryFaceFailureLimiter } from '../login/faceFailureLimiter.js';
import { kioskCheck } from './kioskCheck.js';
import { memoryKioskKeys } from './kioskKeys.js';

const holderKey = generatePrivateKey();
const holder = privateKeyToAccount(holderKey);
const kioskPrivateKey = generatePrivateKey();
const kioskAccount = privateKeyToAccount(kioskPrivateKey);
const embedding = Float32Array.from({ length: 128 }, (_, i) => Math.sin(i + 1) / 8);
const model = 'scripted/1';
// a 1×1 PNG: the engine below is scripted, but the kiosk decodes the photo first
const photo = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));

/** An engine that sees the enrolled face, with the anti-spoof scores given (none: an engine made without the gate). */
const engineSeeing = (spoof?: { real: number; live: number }): FaceEngine => ({
  model,
  async observe(): Promise<FaceObservation[]> {
    return [{ box: [10, 10, 160, 160], score: 0.99, embedding: embedding.slice(), yaw: 0, pitch: 0, eyeOpenness: { left: 0.3, right: 0.3 }, ...(spoof ? { spoof } : {}) }];
  },
  async dispose() {},
});

const setup = async () => {
  const { envelope, ciphertext } = sealFaceTemplate({ holder: holder.address, embedding: embedding.slice(), templateVersion: 1, recipients: [holder.publicKey] });
  const records = memoryTemplateRecords();
  await records.put({ holder: holder.address, envelope, model, enrolledAt: 0 });
  const stored = new Map([[envelope.cid, ciphertext]]);
  const blobs: TemplateBlobStore = { put: async () => envelope.cid, get: async (cid) => stored.get(cid) ?? null, remove: async () => {} };
  const kioskKeys = memoryKioskKeys();
  const wrapped = grantFaceTemplateKey({ envelope, privateKey: holderKey, recipientPublicKey: kioskAccount.publicKey });
  await kioskKeys.put({ identity: holder.address, recipient: wrapped.recipient, wrappedKey: wrapped.wrappedKey, expiresAt: Number.MAX_SAFE_INTEGER });
  const logged: boolean[] = [];
  const chain = {
    grantExpiry: async () => Math.floor(Date.now() / 1000) + 300,
    now: async () => Math.floor(Date.now() / 1000),
    isActive: async () => true,
    logAccess: async (_: unknown, success: boolean) => (logged.push(success), { hash: '0x' as const }),
  } as unknown as FaceChain;
  const audit = memoryFaceAuditLog();
  const limiter = memoryFaceFailureLimiter({ maxFailures: 2, windowMs: 60_000 });
  const kiosk = { privateKey: kioskPrivateKey, verifier: kioskAccount.address };
  return { records, blobs, kioskKeys, chain, audit, limiter, logged, identity: holder.address, image: photo, kiosk };
};
const policy = { minReal: 0.6, minLive: 0.5 };

test('with the anti-spoof policy on, a photo the models read as a spoof is 401 spoof_suspected without a score, logged and counted as a mismatch', async () => {
  const s = await setup();
  const engine = engineSeeing({ real: 0.42, live: 0.9 });
  await assert.rejects(kioskCheck({ ...s, engine, spoofGate: policy }), (e: FaceRequestError) =>
    e.code === 'spoof_suspected' && e.statusCode === 401 && !/\d/.test(e.message));
  assert.deepEqual(s.logged, [false]);
  assert.deepEqual(s.audit.events.map((e) => e.action), ['login-failed']);
  await assert.rejects(kioskCheck({ ...s, engine: engineSeeing({ real: 0.9, live: 0.3 }), spoofGate: policy }), (e: FaceRequestError) => e.code === 'spoof_suspected');
  // two failures in the window: the identity is locked, as after two mismatches
  await assert.rejects(kioskCheck({ ...s, engine: engineSeeing({ real: 0.9, live: 0.9 }), spoofGate: policy }), (e: FaceRequestError) => e.code === 'too_many_face_failures');
});

test('with the policy on, a photo read as real and live at its minima is checked as before', async () => {
  const s = await setup();
  assert.deepEqual(await kioskCheck({ ...s, engine: engineSeeing({ real: 0.6, live: 0.5 }), spoofGate: policy }), { matched: true, templateVersion: 1 });
  assert.deepEqual(s.logged, [true]);
});

test('with the policy off (the default) the scores are not read, and a policy on an engine without scores refuses rather than passing unchecked', async () => {
  const s = await setup();
  assert.deepEqual(await kioskCheck({ ...s, engine: engineSeeing({ real: 0, live: 0 }) }), { matched: true, templateVersion: 1 });
  await assert.rejects(kioskCheck({ ...s, engine: engineSeeing(), spoofGate: policy }), /no anti-spoof scores/);
});
