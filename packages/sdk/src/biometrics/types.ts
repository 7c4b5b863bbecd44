import type { Address } from 'viem';

/**
 * A sealed face template's envelope: the embedding is encrypted once with a fresh AES-256-GCM key,
 * and that key is wrapped with ECIES (secp256k1) to each recipient, the holder first, then any
 * guardians, so a recovery keeps face login. The ciphertext itself lives in the blob store under
 * `cid`; the envelope (the wrapped keys) is kept apart so that destroying it erases the template.
 */
export type FaceTemplateEnvelope = {
  version: 1;
  contentAlgorithm: 'A256GCM';
  keyAlgorithm: 'ECIES-secp256k1';
  /** The identity the template belongs to. */
  holder: Address;
  /** Increases by one at each re-enrollment; bound into the ciphertext, so an old template cannot be replayed as a new one. */
  templateVersion: number;
  /** Values in the embedding (1024 for human's `faceres`). */
  dimensions: number;
  /** CIDv1 (raw, sha2-256) of the ciphertext. */
  cid: string;
  /** base64url, 12 bytes. */
  nonce: string;
  /** The data key wrapped to each recipient's key: the holder's, then guardians'. */
  wrappedKeys: { recipient: Address; wrappedKey: string }[];
};
