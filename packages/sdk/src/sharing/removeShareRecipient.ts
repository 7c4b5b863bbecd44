import type { Address } from 'viem';
import { checkEnvelope } from './checkEnvelope.js';
import type { ShareEnvelope } from './types.js';

/**
 * Revokes a verifier's share by dropping its wrapped key. Whoever keeps the envelope (the identity
 * service deletes its row on `AccessRevoked`) stops handing the key out; the ciphertext can stay
 * where it is, since without a wrapped key it is noise. A verifier that already unwrapped the key
 * keeps what it read: revocation stops new access, it cannot erase a copy.
 *
 * @example
 * const narrowed = removeShareRecipient({ envelope, verifier: bank })
 */
export function removeShareRecipient({ envelope, verifier }: { envelope: ShareEnvelope; verifier: Address }): ShareEnvelope {
  checkEnvelope(envelope);
  return { ...envelope, recipients: envelope.recipients.filter((r) => r.verifier.toLowerCase() !== verifier.toLowerCase()) };
}
