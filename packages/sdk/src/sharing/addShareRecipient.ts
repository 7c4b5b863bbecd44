import type { Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { ShareRecipientNotFoundError } from './errors.js';
import { checkEnvelope } from './checkEnvelope.js';
import { fromBase64url, recipientOf, toBase64url, unwrapDataKey, wrapDataKey } from './shareCrypto.js';
import type { ShareEnvelope } from './types.js';

export type AddShareRecipientParameters = {
  envelope: ShareEnvelope;
  /** The new verifier's secp256k1 public key. */
  publicKey: Hex;
} & (
  /** The data key `sealDisclosures` returned. */
  | { dataKey: Uint8Array; privateKey?: undefined }
  /** Or the private key of someone already in `recipients` (the holder, if it sealed to itself). */
  | { privateKey: Hex; dataKey?: undefined }
);

/**
 * Shares an existing envelope with one more verifier by wrapping the same data key to its public
 * key; the ciphertext is not touched. Returns a new envelope; the input is left as it was.
 *
 * @example
 * const wider = addShareRecipient({ envelope, dataKey, publicKey: insurer.publicKey })
 */
export function addShareRecipient(parameters: AddShareRecipientParameters): ShareEnvelope {
  const { envelope, publicKey } = parameters;
  checkEnvelope(envelope);
  const recipient = recipientOf(publicKey);
  let dataKey = parameters.dataKey;
  if (!dataKey) {
    const self = privateKeyToAddress(parameters.privateKey!).toLowerCase();
    const own = envelope.recipients.find((r) => r.verifier.toLowerCase() === self);
    if (!own) throw new ShareRecipientNotFoundError(self);
    dataKey = unwrapDataKey(parameters.privateKey!, fromBase64url(own.wrappedKey, 'recipients.wrappedKey'));
  }
  const others = envelope.recipients.filter((r) => r.verifier !== recipient.verifier);
  return { ...envelope, recipients: [...others, { verifier: recipient.verifier, wrappedKey: toBase64url(wrapDataKey(recipient.publicKey, dataKey)) }] };
}
