import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { ShareDecryptionError } from '../sharing/errors.js';
import { openDocumentImage } from './openDocumentImage.js';
import { sealDocumentImage } from './sealDocumentImage.js';

const holderKey = generatePrivateKey();
const holder = privateKeyToAccount(holderKey);
const image = new Uint8Array(5000).map((_, i) => (i * 31) % 251);

describe('sealDocumentImage / openDocumentImage', () => {
  it('seals a photo that only the holder\'s key opens, bound to its SHA-256', () => {
    const { envelope, ciphertext } = sealDocumentImage({ image, holderPublicKey: holder.publicKey });
    assert.equal(envelope.key, holder.address);
    assert.equal(envelope.imageHash, bytesToHex(sha256(image)));
    assert.equal(ciphertext.length, image.length + 16);
    assert.deepEqual(openDocumentImage({ envelope, ciphertext, privateKey: holderKey }), image);
    assert.throws(() => openDocumentImage({ envelope, ciphertext, privateKey: generatePrivateKey() }), ShareDecryptionError);
  });

  it('refuses a ciphertext changed by one bit, or filed under another image hash', () => {
    const { envelope, ciphertext } = sealDocumentImage({ image, holderPublicKey: holder.publicKey });
    const flipped = ciphertext.slice();
    flipped[100] ^= 1;
    assert.throws(() => openDocumentImage({ envelope, ciphertext: flipped, privateKey: holderKey }), ShareDecryptionError);
    assert.throws(() => openDocumentImage({ envelope: { ...envelope, imageHash: `0x${'ab'.repeat(32)}` }, ciphertext, privateKey: holderKey }), ShareDecryptionError);
  });
});
