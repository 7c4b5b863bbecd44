import { getAddress, type Hex } from 'viem';
import { ShareEnvelopeInvalidError } from '../sharing/errors.js';
import { decryptContent, fromBase64url, unwrapDataKey } from '../sharing/shareCrypto.js';
import { documentImageAad, type DocumentImageEnvelope } from './sealDocumentImage.js';

export type OpenDocumentImageParameters = { envelope: DocumentImageEnvelope; ciphertext: Uint8Array; privateKey: Hex };

/**
 * Opens a sealed document photo with the holder's private key. A wrong key, or a ciphertext or envelope
 * changed on the way (its image hash included), fails as `ShareDecryptionError`.
 *
 * @example
 * const image = openDocumentImage({ envelope, ciphertext, privateKey: holderKey })
 */
export function openDocumentImage({ envelope, ciphertext, privateKey }: OpenDocumentImageParameters): Uint8Array {
  if (envelope?.version !== 1 || envelope.contentAlgorithm !== 'A256GCM' || envelope.keyAlgorithm !== 'ECIES-secp256k1') {
    throw new ShareEnvelopeInvalidError('envelope', 'is not a version 1 document image envelope');
  }
  const dataKey = unwrapDataKey(privateKey, fromBase64url(envelope.wrappedKey, 'wrappedKey'));
  const aad = documentImageAad(getAddress(envelope.key), envelope.imageHash);
  // The image hash is in the AAD: an envelope relabelled with another hash does not decrypt.
  return decryptContent(dataKey, fromBase64url(envelope.nonce, 'nonce'), aad, ciphertext);
}
