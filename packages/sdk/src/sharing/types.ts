import type { Address, Hash } from 'viem';

/** The only envelope version this SDK writes and reads. */
export const SHARE_ENVELOPE_VERSION = 1;
/** Content encryption: AES-256-GCM with a 96-bit random nonce under a fresh random data key. */
export const SHARE_CONTENT_ALGORITHM = 'A256GCM';
/**
 * Key wrapping: eciesjs's ECIES on secp256k1 (ephemeral key, uncompressed; HKDF-SHA256; AES-256-GCM
 * with a 16-byte nonce), so any eciesjs/eciespy peer can unwrap it with the verifier's account key.
 */
export const SHARE_KEY_ALGORITHM = 'ECIES-secp256k1-HKDF-SHA256-A256GCM';

/** One verifier's copy of the data key, wrapped to its secp256k1 public key. */
export type ShareRecipient = {
  /** The verifier's address, derived from the public key the key was wrapped to (never typed in). */
  verifier: Address;
  /** base64url of eciesjs's output: ephemeral public key || nonce || tag || encrypted data key. */
  wrappedKey: string;
};

/**
 * The encrypted share of one credential's disclosed attributes, in the manner of a JWE with
 * several recipients. The ciphertext itself travels separately (a blob store, IPFS) under `cid`.
 * Revoking a verifier is removing its `recipients` entry wherever the envelope is kept.
 */
export type ShareEnvelope = {
  version: typeof SHARE_ENVELOPE_VERSION;
  contentAlgorithm: typeof SHARE_CONTENT_ALGORITHM;
  keyAlgorithm: typeof SHARE_KEY_ALGORITHM;
  /** The holder (identity) whose attributes these are; bound into the ciphertext as AAD. */
  holder: Address;
  /** The credential the disclosures come from; bound into the ciphertext as AAD. */
  uid: Hash;
  /** CIDv1 (raw codec, sha2-256) of the ciphertext: the name it has in the blob store. */
  cid: string;
  /** base64url of the 12-byte AES-GCM nonce. */
  nonce: string;
  recipients: ShareRecipient[];
};
