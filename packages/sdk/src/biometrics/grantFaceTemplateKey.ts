import { encodeAbiParameters, getAddress, keccak256, type Address, type Hash, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { fromBase64url, recipientOf, toBase64url, unwrapDataKey, wrapDataKey } from '../sharing/shareCrypto.js';
import { FaceTemplateDecryptionError } from './errors.js';
import type { FaceTemplateEnvelope } from './types.js';

/**
 * The id a face template grant is recorded under in the holder registry's consent (grantAccess, logAccess):
 * one per identity, so a kiosk's access to the template is granted, expires and is logged like any other.
 */
export const faceTemplateGrantUid = (identity: Address): Hash =>
  keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'address' }], ['identree/face-template-grant/v1', getAddress(identity)]));

export type GrantFaceTemplateKeyParameters = {
  envelope: FaceTemplateEnvelope;
  /** The holder's private key: the data key is unwrapped here, on the holder's device. */
  privateKey: Hex;
  /** The kiosk's published public key (secp256k1, hex). */
  recipientPublicKey: Hex;
};
export type GrantFaceTemplateKeyReturnType = { recipient: Address; wrappedKey: string };

/**
 * Wraps a template's data key to a kiosk's key, for a service-side check the holder consents to. The
 * result is given to the service with a short-lived on-chain grant; the envelope itself is unchanged, so
 * the kiosk's copy goes when the service destroys it.
 *
 * @example
 * const kioskKey = grantFaceTemplateKey({ envelope, privateKey, recipientPublicKey: kiosk.publicKey })
 */
export function grantFaceTemplateKey({ envelope, privateKey, recipientPublicKey }: GrantFaceTemplateKeyParameters): GrantFaceTemplateKeyReturnType {
  const me = privateKeyToAddress(privateKey).toLowerCase();
  const entry = envelope.wrappedKeys.find((k) => k.recipient.toLowerCase() === me);
  if (!entry) throw new FaceTemplateDecryptionError(`it holds no key for ${me}`);
  const { verifier, publicKey } = recipientOf(recipientPublicKey);
  let dataKey: Uint8Array;
  try {
    dataKey = unwrapDataKey(privateKey, fromBase64url(entry.wrappedKey, 'wrappedKey'));
  } catch (error) {
    throw new FaceTemplateDecryptionError('wrong key, or altered data', error);
  }
  const wrappedKey = toBase64url(wrapDataKey(publicKey, dataKey));
  dataKey.fill(0);
  return { recipient: verifier, wrappedKey };
}
