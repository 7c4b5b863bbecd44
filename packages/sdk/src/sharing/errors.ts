import { IdentreeError } from '../errors/base.js';

/** Root of the encrypted-sharing errors: every way opening a share can fail has its own class. */
export class ShareError extends IdentreeError {
  override name = 'ShareError';
}

/** The envelope is not one this SDK reads: malformed, or another version or algorithm. */
export class ShareEnvelopeInvalidError extends ShareError {
  override name = 'ShareEnvelopeInvalidError';
  constructor(readonly field: string, reason: string) {
    super(`The share envelope is invalid: ${field} ${reason}.`);
  }
}

/** The ciphertext is not the one the envelope names: its CID differs, so it was altered or swapped. */
export class ShareIntegrityError extends ShareError {
  override name = 'ShareIntegrityError';
  constructor(readonly expectedCid: string, readonly actualCid: string) {
    super(`The shared ciphertext does not match its envelope (expected CID ${expectedCid}, got ${actualCid}).`);
  }
}

/** The envelope holds no wrapped key for this verifier: the data was never shared with it, or the share was revoked. */
export class ShareRecipientNotFoundError extends ShareError {
  override name = 'ShareRecipientNotFoundError';
  constructor(readonly verifier: string) {
    super(`The share holds no key for ${verifier}.`);
  }
}

/**
 * Decryption failed: the private key is not the recipient's, or the wrapped key or the ciphertext
 * was altered (AES-GCM authenticates both; a tampered byte never decrypts to something else).
 */
export class ShareDecryptionError extends ShareError {
  override name = 'ShareDecryptionError';
  constructor(what: 'wrapped key' | 'ciphertext', cause?: unknown) {
    super(`The ${what} could not be decrypted: wrong key, or altered data.`, { cause });
  }
}
