import { type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { ciphertextCid, decryptContent, fromBase64url, unwrapDataKey } from '../sharing/shareCrypto.js';
import { FaceTemplateDecryptionError } from './errors.js';
import { faceTemplateAad } from './sealFaceTemplate.js';
import type { FaceTemplateEnvelope } from './types.js';

export type OpenFaceTemplateParameters = {
  envelope: FaceTemplateEnvelope;
  ciphertext: Uint8Array;
  /** The holder's (or a guardian's) private key: matching happens where this key is. */
  privateKey: Hex;
};
export type OpenFaceTemplateReturnType = Float32Array;

/**
 * Opens a sealed face template with a recipient's private key, checking the ciphertext against the
 * envelope's CID first so a swapped blob is named as such.
 *
 * @example
 * const enrolled = openFaceTemplate({ envelope, ciphertext: await blobs.get(envelope.cid), privateKey })
 */
export function openFaceTemplate({ envelope, ciphertext, privateKey }: OpenFaceTemplateParameters): OpenFaceTemplateReturnType {
  if (envelope?.version !== 1 || envelope.contentAlgorithm !== 'A256GCM' || envelope.keyAlgorithm !== 'ECIES-secp256k1') {
    throw new FaceTemplateDecryptionError('the envelope is not a version 1 A256GCM/ECIES-secp256k1 face template');
  }
  const actual = ciphertextCid(ciphertext);
  if (actual !== envelope.cid) throw new FaceTemplateDecryptionError(`the ciphertext's CID is ${actual}, not ${envelope.cid}`);
  const me = privateKeyToAddress(privateKey).toLowerCase();
  const entry = envelope.wrappedKeys.find((k) => k.recipient.toLowerCase() === me);
  if (!entry) throw new FaceTemplateDecryptionError(`it holds no key for ${me} (erased, or never sealed to it)`);
  let plaintext: Uint8Array;
  try {
    const key = unwrapDataKey(privateKey, fromBase64url(entry.wrappedKey, 'wrappedKey'));
    plaintext = decryptContent(key, fromBase64url(envelope.nonce, 'nonce'), faceTemplateAad(envelope.holder, envelope.templateVersion), ciphertext);
    key.fill(0);
  } catch (error) {
    throw new FaceTemplateDecryptionError('wrong key, or altered data', error);
  }
  if (plaintext.byteLength !== envelope.dimensions * 4) throw new FaceTemplateDecryptionError(`it holds ${plaintext.byteLength / 4} values, not ${envelope.dimensions}`);
  return new Float32Array(plaintext.buffer.slice(plaintext.byteOffset, plaintext.byteOffset + plaintext.byteLength));
}
