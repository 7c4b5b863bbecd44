import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { openFaceTemplate } from '@identree/sdk';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { verifyMessage } from 'viem';
import { FaceMismatchError, FaceTemplateModelMismatchError, FaceTemplateNotFoundError, SeveralFacesError } from '../errors.js';
import { loginWithFace } from '../login/loginWithFace.js';
import { blankPng, embeddingOf, faceAt, scriptedEngine } from '../testing/scriptedEngine.js';
import { enrollFace } from './enrollFace.js';
import { eraseFaceTemplate } from './eraseFaceTemplate.js';
import { fsTemplateBlobs } from './fsTemplateBlobs.js';
import { memoryFaceAuditLog, memoryTemplateRecords } from './memoryTemplateRecords.js';

const dir = await mkdtemp(path.join(tmpdir(), 'face-templates-'));
after(() => rm(dir, { recursive: true, force: true }));
const siwe = { domain: 'identree.test', uri: 'https://identree.test/login', chainId: 31337, nonce: 'n0nce1234567' };

const setup = () => {
  const privateKey = generatePrivateKey();
  const account = privateKeyToAccount(privateKey);
  return { privateKey, account, blobs: fsTemplateBlobs(dir), records: memoryTemplateRecords(), audit: memoryFaceAuditLog() };
};

test('a face enrolled then shown again logs in with a SIWE message that carries the match-result hash and verifies', async () => {
  const { privateKey, account, blobs, records, audit } = setup();
  const engine = scriptedEngine([[faceAt(embeddingOf(1))], [faceAt(embeddingOf(1, 0.2))]]);
  const image = await blankPng();
  const { envelope, commitment } = await enrollFace({ engine, image, holder: account.address, recipients: [account.publicKey], blobs, records, audit });
  assert.match(commitment, /^0x[0-9a-f]{64}$/);
  const { message, signature, matchResultHash } = await loginWithFace({ engine, image, account, privateKey, blobs, records, audit, siwe });
  assert.ok(message.includes(`urn:identree:face-match:${matchResultHash}`));
  assert.ok(await verifyMessage({ address: account.address, message, signature }));
  assert.deepEqual(audit.events.map((e) => e.action), ['pinned', 'enrolled', 'login-matched']);
  assert.equal((await blobs.get(envelope.cid))?.length, 1024 * 4 + 16);
});

test('another person\'s face is refused with a 401-style error that carries no score', async () => {
  const { privateKey, account, blobs, records, audit } = setup();
  const engine = scriptedEngine([[faceAt(embeddingOf(1))], [faceAt(embeddingOf(2))]]);
  const image = await blankPng();
  await enrollFace({ engine, image, holder: account.address, recipients: [account.publicKey], blobs, records, audit });
  const error = await loginWithFace({ engine, image, account, privateKey, blobs, records, audit, siwe }).catch((e) => e);
  assert.ok(error instanceof FaceMismatchError);
  assert.doesNotMatch(error.message, /\d\.\d/);
  assert.equal(audit.events.at(-1)?.action, 'login-failed');
});

test('a template enrolled with another model is refused with a typed error that says to re-enroll', async () => {
  const { privateKey, account, blobs, records, audit } = setup();
  const image = await blankPng();
  const before = { ...scriptedEngine([[faceAt(embeddingOf(6))]]), model: 'human@3.3.6/faceres' };
  await enrollFace({ engine: before, image, holder: account.address, recipients: [account.publicKey], blobs, records, audit });
  const now = scriptedEngine([[faceAt(embeddingOf(6))]]);
  const error = await loginWithFace({ engine: now, image, account, privateKey, blobs, records, audit, siwe }).catch((e) => e);
  assert.ok(error instanceof FaceTemplateModelMismatchError);
  assert.equal(error.templateModel, 'human@3.3.6/faceres');
  assert.match(error.message, /re-enroll/);
});

test('a photo with several faces is not enrolled', async () => {
  const { account, blobs, records, audit } = setup();
  const engine = scriptedEngine([[faceAt(embeddingOf(1)), faceAt(embeddingOf(2))]]);
  await assert.rejects(enrollFace({ engine, image: await blankPng(), holder: account.address, recipients: [account.publicKey], blobs, records, audit }), SeveralFacesError);
  assert.equal(await records.get(account.address), null);
});

test('re-enrollment replaces the template: the old blob is gone, the version rises and the change is logged', async () => {
  const { privateKey, account, blobs, records, audit } = setup();
  const engine = scriptedEngine([[faceAt(embeddingOf(3))], [faceAt(embeddingOf(4))], [faceAt(embeddingOf(3))]]);
  const image = await blankPng();
  const first = await enrollFace({ engine, image, holder: account.address, recipients: [account.publicKey], blobs, records, audit });
  const second = await enrollFace({ engine, image, holder: account.address, recipients: [account.publicKey], blobs, records, audit });
  assert.equal(second.envelope.templateVersion, 2);
  assert.deepEqual(second.replaced, { cid: first.envelope.cid, templateVersion: 1 });
  assert.equal(await blobs.get(first.envelope.cid), null);
  assert.deepEqual(audit.events.map((e) => e.action), ['pinned', 'enrolled', 'pinned', 're-enrolled', 'unpinned']);
  await assert.rejects(loginWithFace({ engine, image, account, privateKey, blobs, records, audit, siwe }), FaceMismatchError, 'the old face no longer logs in');
});

test('an erased template opens for nobody: the wrapped keys are destroyed and the blob is deleted', async () => {
  const { privateKey, account, blobs, records, audit } = setup();
  const guardian = generatePrivateKey();
  const engine = scriptedEngine([[faceAt(embeddingOf(5))], [faceAt(embeddingOf(5))]]);
  const image = await blankPng();
  const { envelope } = await enrollFace({
    engine, image, holder: account.address, recipients: [account.publicKey, privateKeyToAccount(guardian).publicKey], blobs, records, audit,
  });
  const keptCopy = (await blobs.get(envelope.cid))!;
  assert.deepEqual(openFaceTemplate({ envelope, ciphertext: keptCopy, privateKey: guardian }).length, 1024, 'a guardian can open it before erasure');
  await eraseFaceTemplate({ holder: account.address, blobs, records, audit });
  assert.equal(await blobs.get(envelope.cid), null);
  assert.equal(await records.get(account.address), null);
  assert.deepEqual(audit.events.slice(-2).map((e) => e.action), ['unpinned', 'erased']);
  await assert.rejects(loginWithFace({ engine, image, account, privateKey, blobs, records, audit, siwe }), FaceTemplateNotFoundError);
  await assert.rejects(eraseFaceTemplate({ holder: account.address, blobs, records, audit }), FaceTemplateNotFoundError);
});
