import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, stringToBytes, type Address, type Hash, type Hex } from 'viem';
import { encryptContent, newContentNonce, newDataKey, recipientOf, toBase64url, wrapDataKey } from '../sharing/shareCrypto.js';

/** How an enrollee's document photo rests in the blob store: only the holder's key opens it. */
export type DocumentImageEnvelope = {
  version: 1;
  contentAlgorithm: 'A256GCM';
  keyAlgorithm: 'ECIES-secp256k1';
  /** The key the photo is sealed to. */
  key: Address;
  /** SHA-256 of the photo as uploaded: the enrollment's image hash, which the ciphertext is bound to. */
  imageHash: Hash;
  /** base64url, 12 bytes: the AES-GCM nonce. */
  nonce: string;
  /** base64url: the data key wrapped to the holder's public key. */
  wrappedKey: string;
};

export type SealDocumentImageParameters = { image: Uint8Array; holderPublicKey: Hex };
export type SealDocumentImageReturnType = { envelope: DocumentImageEnvelope; ciphertext: Uint8Array };

/** The ciphertext opens only as the photo with this image hash sealed to this key. */
export const documentImageAad = (key: Address, imageHash: Hash) => stringToBytes(`identree/enrollment-image/v1|${key.toLowerCase()}|${imageHash.toLowerCase()}`);

/**
 * Seals an enrollee's document photo for the blob store: AES-256-GCM under a fresh key, that key
 * wrapped to the holder's public key with ECIES (eciesjs), bound to the photo's SHA-256 so that a
 * stored ciphertext cannot be passed off as another enrollment's photo.
 *
 * @example
 * const { envelope, ciphertext } = sealDocumentImage({ image: jpeg, holderPublicKey })
 * const image = openDocumentImage({ envelope, ciphertext, privateKey: holderKey })
 */
export function sealDocumentImage({ image, holderPublicKey }: SealDocumentImageParameters): SealDocumentImageReturnType {
  const { verifier: key, publicKey } = recipientOf(holderPublicKey);
  const imageHash = bytesToHex(sha256(image)) as Hash;
  const dataKey = newDataKey();
  const nonce = newContentNonce();
  const ciphertext = encryptContent(dataKey, nonce, documentImageAad(key, imageHash), image);
  return {
    envelope: {
      version: 1, contentAlgorithm: 'A256GCM', keyAlgorithm: 'ECIES-secp256k1', key, imageHash,
      nonce: toBase64url(nonce), wrappedKey: toBase64url(wrapDataKey(publicKey, dataKey)),
    },
    ciphertext,
  };
}
