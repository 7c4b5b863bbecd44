import { getAddress, stringToBytes, type Address, type Hash, type Hex } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import type { Disclosure } from '../presentations/types.js';
import { ciphertextCid, contentAad, encryptContent, newContentNonce, newDataKey, recipientOf, toBase64url, wrapDataKey } from './shareCrypto.js';
import { SHARE_CONTENT_ALGORITHM, SHARE_ENVELOPE_VERSION, SHARE_KEY_ALGORITHM, type ShareEnvelope } from './types.js';

export type SealDisclosuresParameters = {
  /** The holder's identity. */
  holder: Address;
  /** The credential the disclosures come from. */
  uid: Hash;
  /** What the verifiers may read: a presentation's disclosures (name, value, salt). */
  disclosures: Disclosure[];
  /** Each verifier's secp256k1 public key (an Ethereum account's, 0x04… or compressed). */
  recipients: Hex[];
};
export type SealDisclosuresReturnType = {
  envelope: ShareEnvelope;
  /** Store it under `envelope.cid`; it is useless without a wrapped key. */
  ciphertext: Uint8Array;
  /**
   * The data key, for the holder to keep if it wants to add verifiers later without sharing with
   * itself (`addShareRecipient`). Never send it anywhere.
   */
  dataKey: Uint8Array;
};

/**
 * Encrypts a holder's disclosed attributes once, under a fresh random AES-256-GCM key, and wraps
 * that key to each verifier's public key with ECIES (secp256k1). Adding a verifier wraps the same
 * key again; revoking one removes its wrapped key. This is the seed's "re-encrypt the key for a
 * third party, revoke by removing it".
 *
 * @example
 * const { envelope, ciphertext } = sealDisclosures({ holder, uid, disclosures: presented.disclosures, recipients: [bank.publicKey] })
 * const { disclosures } = openDisclosures({ envelope, ciphertext, privateKey: bankKey })
 */
export function sealDisclosures({ holder, uid, disclosures, recipients }: SealDisclosuresParameters): SealDisclosuresReturnType {
  if (!Array.isArray(disclosures) || disclosures.length === 0) throw new InvalidParameterError('disclosures', 'must name at least one disclosed attribute');
  if (!Array.isArray(recipients) || recipients.length === 0) throw new InvalidParameterError('recipients', 'must hold at least one verifier public key');
  let holderAddress: Address;
  try {
    holderAddress = getAddress(holder);
  } catch {
    throw new InvalidParameterError('holder', 'is not an address');
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(uid)) throw new InvalidParameterError('uid', 'must be 32 bytes of hex');
  const keys = recipients.map(recipientOf);
  const dataKey = newDataKey();
  const nonce = newContentNonce();
  const plaintext = stringToBytes(JSON.stringify({ disclosures: disclosures.map(({ name, value, salt }) => ({ name, value, salt })) }));
  const ciphertext = encryptContent(dataKey, nonce, contentAad(holderAddress, uid), plaintext);
  const seen = new Set<string>();
  const envelope: ShareEnvelope = {
    version: SHARE_ENVELOPE_VERSION,
    contentAlgorithm: SHARE_CONTENT_ALGORITHM,
    keyAlgorithm: SHARE_KEY_ALGORITHM,
    holder: holderAddress,
    uid: uid.toLowerCase() as Hash,
    cid: ciphertextCid(ciphertext),
    nonce: toBase64url(nonce),
    recipients: keys
      .filter((k) => !seen.has(k.verifier) && seen.add(k.verifier))
      .map((k) => ({ verifier: k.verifier, wrappedKey: toBase64url(wrapDataKey(k.publicKey, dataKey)) })),
  };
  return { envelope, ciphertext, dataKey };
}
