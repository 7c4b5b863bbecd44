import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesToHex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { FaceTemplateDecryptionError } from './errors.js';
import { openFaceTemplate } from './openFaceTemplate.js';
import { sealFaceTemplate } from './sealFaceTemplate.js';

const party = () => {
  const privateKey = generatePrivateKey();
  const account = privateKeyToAccount(privateKey);
  return { privateKey, address: account.address, publicKey: account.publicKey };
};
const embedding = Float32Array.from({ length: 1024 }, (_, i) => Math.sin(i) / 16);

test('a sealed face template opens with the holder\'s key and with a guardian\'s key to the same values', () => {
  const holder = party();
  const guardian = party();
  const { envelope, ciphertext } = sealFaceTemplate({ holder: holder.address, embedding, templateVersion: 1, recipients: [holder.publicKey, guardian.publicKey] });
  assert.deepEqual(openFaceTemplate({ envelope, ciphertext, privateKey: holder.privateKey }), embedding);
  assert.deepEqual(openFaceTemplate({ envelope, ciphertext, privateKey: guardian.privateKey }), embedding);
  assert.equal(envelope.wrappedKeys.length, 2);
  assert.ok(!bytesToHex(ciphertext).includes(bytesToHex(new Uint8Array(embedding.buffer)).slice(2, 66)), 'no clear values in the ciphertext');
});

test('a face template does not open with a stranger\'s key, nor once its wrapped keys are destroyed', () => {
  const holder = party();
  const { envelope, ciphertext } = sealFaceTemplate({ holder: holder.address, embedding, templateVersion: 1, recipients: [holder.publicKey] });
  assert.throws(() => openFaceTemplate({ envelope, ciphertext, privateKey: party().privateKey }), FaceTemplateDecryptionError);
  assert.throws(() => openFaceTemplate({ envelope: { ...envelope, wrappedKeys: [] }, ciphertext, privateKey: holder.privateKey }), /holds no key/);
});

test('a face template replayed under another version or with one altered byte does not open', () => {
  const holder = party();
  const { envelope, ciphertext } = sealFaceTemplate({ holder: holder.address, embedding, templateVersion: 1, recipients: [holder.publicKey] });
  assert.throws(() => openFaceTemplate({ envelope: { ...envelope, templateVersion: 2 }, ciphertext, privateKey: holder.privateKey }), /wrong key, or altered data/);
  const altered = ciphertext.slice();
  altered[10] ^= 1;
  assert.throws(() => openFaceTemplate({ envelope, ciphertext: altered, privateKey: holder.privateKey }), /CID is/);
});

test('a template\'s key re-wrapped to a kiosk opens the template with the kiosk\'s key only', async () => {
  const { grantFaceTemplateKey } = await import('./grantFaceTemplateKey.js');
  const holder = party();
  const kiosk = party();
  const { envelope, ciphertext } = sealFaceTemplate({ holder: holder.address, embedding, templateVersion: 1, recipients: [holder.publicKey] });
  const kioskKey = grantFaceTemplateKey({ envelope, privateKey: holder.privateKey, recipientPublicKey: kiosk.publicKey });
  assert.equal(kioskKey.recipient, kiosk.address);
  assert.deepEqual(openFaceTemplate({ envelope: { ...envelope, wrappedKeys: [kioskKey] }, ciphertext, privateKey: kiosk.privateKey }), embedding);
  assert.throws(() => openFaceTemplate({ envelope: { ...envelope, wrappedKeys: [kioskKey] }, ciphertext, privateKey: holder.privateKey }), /holds no key/);
  assert.throws(() => grantFaceTemplateKey({ envelope, privateKey: kiosk.privateKey, recipientPublicKey: kiosk.publicKey }), FaceTemplateDecryptionError);
});
