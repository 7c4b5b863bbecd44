import { bytesToString, type Address, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import type { Disclosure } from '../presentations/types.js';
import { ShareDecryptionError, ShareIntegrityError, ShareRecipientNotFoundError } from './errors.js';
import { checkEnvelope } from './checkEnvelope.js';
import { ciphertextCid, contentAad, decryptContent, fromBase64url, unwrapDataKey } from './shareCrypto.js';
import type { ShareEnvelope } from './types.js';

export type OpenDisclosuresParameters = {
  envelope: ShareEnvelope;
  ciphertext: Uint8Array;
  /** The verifier's secp256k1 private key (its account key). */
  privateKey: Hex;
};
export type OpenDisclosuresReturnType = { holder: Address; uid: Hex; disclosures: Disclosure[] };

/**
 * The verifier's side of `sealDisclosures`: checks the ciphertext against the envelope's CID,
 * unwraps its own copy of the data key and decrypts. Fails with a typed error, never with garbage:
 * `ShareIntegrityError` (ciphertext swapped), `ShareRecipientNotFoundError` (not shared with this
 * key, or revoked), `ShareDecryptionError` (wrong key, or altered bytes).
 *
 * @example
 * const { disclosures } = openDisclosures({ envelope, ciphertext, privateKey: verifierKey })
 */
export function openDisclosures({ envelope, ciphertext, privateKey }: OpenDisclosuresParameters): OpenDisclosuresReturnType {
  checkEnvelope(envelope);
  const actual = ciphertextCid(ciphertext);
  if (actual !== envelope.cid) throw new ShareIntegrityError(envelope.cid, actual);
  const verifier = privateKeyToAddress(privateKey);
  const mine = envelope.recipients.find((r) => r.verifier.toLowerCase() === verifier.toLowerCase());
  if (!mine) throw new ShareRecipientNotFoundError(verifier);
  const dataKey = unwrapDataKey(privateKey, fromBase64url(mine.wrappedKey, 'recipients.wrappedKey'));
  const plaintext = decryptContent(dataKey, fromBase64url(envelope.nonce, 'nonce'), contentAad(envelope.holder, envelope.uid), ciphertext);
  let body: { disclosures?: unknown };
  try {
    body = JSON.parse(bytesToString(plaintext)) as { disclosures?: unknown };
  } catch (error) {
    // Authenticated, yet not ours: it was sealed by something other than sealDisclosures.
    throw new ShareDecryptionError('ciphertext', error);
  }
  if (!Array.isArray(body.disclosures)) throw new ShareDecryptionError('ciphertext');
  return { holder: envelope.holder, uid: envelope.uid, disclosures: body.disclosures as Disclosure[] };
}
