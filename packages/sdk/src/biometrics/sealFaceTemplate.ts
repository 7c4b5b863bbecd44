import { getAddress, stringToBytes, type Address, type Hex } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import { ciphertextCid, encryptContent, newContentNonce, newDataKey, recipientOf, toBase64url, wrapDataKey } from '../sharing/shareCrypto.js';
import type { FaceTemplateEnvelope } from './types.js';

export type SealFaceTemplateParameters = {
  holder: Address;
  /** The face embedding, already L2-normalised. */
  embedding: Float32Array;
  templateVersion: number;
  /** The holder's public key (33 or 65 bytes of secp256k1, hex), then optionally guardians' keys. */
  recipients: Hex[];
};
export type SealFaceTemplateReturnType = { envelope: FaceTemplateEnvelope; ciphertext: Uint8Array };

/** The ciphertext decrypts only as this holder's template of this version. */
export const faceTemplateAad = (holder: Address, templateVersion: number) =>
  stringToBytes(`identree/face-template/v1|${holder.toLowerCase()}|${templateVersion}`);

/**
 * Seals a face embedding for its holder (and guardians): AES-256-GCM under a fresh key, the key wrapped
 * with ECIES to every recipient, with the same primitives as credential delivery and sharing.
 *
 * @example
 * const { envelope, ciphertext } = sealFaceTemplate({ holder, embedding, templateVersion: 1, recipients: [holderPublicKey] })
 * const cid = await blobs.put(ciphertext) // envelope.cid === cid for a single-block template
 */
export function sealFaceTemplate({ holder, embedding, templateVersion, recipients }: SealFaceTemplateParameters): SealFaceTemplateReturnType {
  if (!(embedding instanceof Float32Array) || embedding.length === 0) throw new InvalidParameterError('embedding', 'must be a non-empty Float32Array');
  if (!Number.isSafeInteger(templateVersion) || templateVersion < 1) throw new InvalidParameterError('templateVersion', 'must be a positive integer');
  if (recipients.length === 0) throw new InvalidParameterError('recipients', 'must name at least the holder\'s public key');
  const owner = getAddress(holder);
  const keys = recipients.map(recipientOf);
  const dataKey = newDataKey();
  const nonce = newContentNonce();
  const plaintext = new Uint8Array(embedding.buffer.slice(embedding.byteOffset, embedding.byteOffset + embedding.byteLength));
  const ciphertext = encryptContent(dataKey, nonce, faceTemplateAad(owner, templateVersion), plaintext);
  const wrappedKeys = keys.map(({ verifier, publicKey }) => ({ recipient: verifier, wrappedKey: toBase64url(wrapDataKey(publicKey, dataKey)) }));
  dataKey.fill(0);
  return {
    envelope: {
      version: 1, contentAlgorithm: 'A256GCM', keyAlgorithm: 'ECIES-secp256k1', holder: owner, templateVersion,
      dimensions: embedding.length, cid: ciphertextCid(ciphertext), nonce: toBase64url(nonce), wrappedKeys,
    },
    ciphertext,
  };
}
