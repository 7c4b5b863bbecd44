import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getAddress } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { memoryTemplateRecords } from '@identree/biometrics';
import { grantFaceTemplateKey, sealFaceTemplate } from '@identree/sdk';
import { auditedFacePorts } from '../ports/auditedFacePorts.js';
import type { FaceChain } from '../ports/ports.js';
import { rewrapTemplateKey } from './rewrapTemplateKey.js';

const holder = privateKeyToAccount(generatePrivateKey());
const guardianKey = generatePrivateKey();
const guardian = privateKeyToAccount(guardianKey);
const newKey = privateKeyToAccount(generatePrivateKey());

/** After a recovery: the holder's identity now acts by `newKey`, its old key is retired, `guardian` guards it. */
const chain = {
  identityOf: async (key) => (key === holder.address ? null : key === newKey.address ? holder.address : key),
  keyOf: async () => newKey.address,
  isGuardian: async (_identity, g) => g === guardian.address,
} as Pick<FaceChain, 'identityOf' | 'keyOf' | 'isGuardian'> as FaceChain;

test('a guardian\'s re-wrap is in the holder\'s audit trail: who, for whom, to which key, and no key material', async () => {
  const { envelope } = sealFaceTemplate({ holder: holder.address, embedding: new Float32Array(8).fill(0.5), templateVersion: 4, recipients: [holder.publicKey, guardian.publicKey] });
  const records = memoryTemplateRecords();
  await records.put({ holder: holder.address, envelope, model: 'human-3.3.6/faceres', enrolledAt: 1 });
  const entries: { subject: string; action: string; actor: string | null; payload: Record<string, unknown> }[] = [];
  const { audit } = auditedFacePorts({ blobs: { put: async () => '', get: async () => null, erase: async () => ({}) }, audit: { append: async (e) => void entries.push(e) } });
  const wrapped = grantFaceTemplateKey({ envelope, privateKey: guardianKey, recipientPublicKey: newKey.publicKey });

  await rewrapTemplateKey({ chain, records, audit, identity: holder.address, guardianKey: guardian.address, wrapped });

  assert.deepEqual(entries, [{
    subject: holder.address, action: 'FaceTemplateKeyRewrapped', actor: guardian.address,
    payload: { cid: envelope.cid, templateVersion: 4, kind: 'face-template', recipient: getAddress(newKey.address), guardian: guardian.address },
  }]);
  assert.ok(!JSON.stringify(entries).includes(wrapped.wrappedKey));
});

test('a refused re-wrap writes no audit entry', async () => {
  const { envelope } = sealFaceTemplate({ holder: holder.address, embedding: new Float32Array(8).fill(0.5), templateVersion: 1, recipients: [holder.publicKey, guardian.publicKey] });
  const records = memoryTemplateRecords();
  await records.put({ holder: holder.address, envelope, model: 'm', enrolledAt: 1 });
  const entries: unknown[] = [];
  const { audit } = auditedFacePorts({ blobs: { put: async () => '', get: async () => null, erase: async () => ({}) }, audit: { append: async (e) => void entries.push(e) } });
  const toStranger = grantFaceTemplateKey({ envelope, privateKey: guardianKey, recipientPublicKey: privateKeyToAccount(generatePrivateKey()).publicKey });
  await assert.rejects(rewrapTemplateKey({ chain, records, audit, identity: holder.address, guardianKey: guardian.address, wrapped: toStranger }), { code: 'template_mismatch' });
  assert.deepEqual(entries, []);
});
