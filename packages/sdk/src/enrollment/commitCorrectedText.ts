import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Hash } from 'viem';
import { IdentreeError } from '../errors/base.js';

// Its own domain tag: a verifier's correction never equals the enrollee's field-text commitment over the same text and salt.
const correctionTag = utf8ToBytes('identree/enrollment/correction/v1\0');

/** What opens a correction's text hash: the text the verifier typed and the salt drawn for it. Kept off chain. */
export type FieldCorrection = { text: string; salt: Hash };

export type CommitCorrectedTextReturnType = FieldCorrection & { textHash: Hash };

/**
 * Commits to a verifier's corrected text under a fresh 32-byte salt: SHA-256 of a domain tag, the salt
 * and the UTF-8 text. The hash goes on chain in the signed correction; without the salt a low-entropy
 * value (a Sex of M or F, a date) cannot be guessed from it. Pass `salt` only to recompute (to check an opening).
 *
 * @example
 * const { textHash, salt } = commitCorrectedText('NGUYEN VAN ANH')
 * commitCorrectedText('NGUYEN VAN ANH', salt).textHash === textHash // true
 */
export function commitCorrectedText(text: string, salt?: Hash): CommitCorrectedTextReturnType {
  const saltBytes = salt === undefined ? randomBytes(32) : hexToBytes(salt.slice(2));
  if (saltBytes.length !== 32) throw new IdentreeError(`A correction's salt is 32 bytes; got ${saltBytes.length}.`);
  const hex = (bytes: Uint8Array) => `0x${bytesToHex(bytes)}` as Hash;
  return { text, salt: hex(saltBytes), textHash: hex(sha256(concatBytes(correctionTag, saltBytes, utf8ToBytes(text)))) };
}

/** True when `correction` opens `textHash`: the service's check before it keeps a correction. */
export function correctionOpens(textHash: Hash, correction: FieldCorrection): boolean {
  try {
    return commitCorrectedText(correction.text, correction.salt).textHash === textHash.toLowerCase();
  } catch {
    return false;
  }
}
