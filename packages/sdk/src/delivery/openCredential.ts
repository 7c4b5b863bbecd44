import { bytesToString, getAddress, type Hex } from 'viem';
import type { IdentreeCredential } from '../credentials/types.js';
import type { Eip712SecuredCredential } from '../interop/secureCredentialEip712.js';
import { ShareEnvelopeInvalidError } from '../sharing/errors.js';
import { decryptContent, fromBase64url, unwrapDataKey } from '../sharing/shareCrypto.js';
import { deliveryAad, type CredentialEnvelope } from './sealCredential.js';

export type OpenCredentialParameters = { envelope: CredentialEnvelope; ciphertext: string; privateKey: Hex };
export type OpenCredentialReturnType = { credential: IdentreeCredential; sdJwt?: string; jwt?: string; eip712?: Eip712SecuredCredential };

/**
 * Opens a sealed credential with the holder's private key; a wrong key, or a ciphertext or envelope
 * changed on the way, fails as `ShareDecryptionError`.
 *
 * @example
 * const { credential } = openCredential({ envelope, ciphertext, privateKey: holderKey })
 */
export function openCredential({ envelope, ciphertext, privateKey }: OpenCredentialParameters): OpenCredentialReturnType {
  if (envelope?.version !== 1 || envelope.contentAlgorithm !== 'A256GCM' || envelope.keyAlgorithm !== 'ECIES-secp256k1') {
    throw new ShareEnvelopeInvalidError('envelope', 'is not a version 1 credential envelope');
  }
  const dataKey = unwrapDataKey(privateKey, fromBase64url(envelope.wrappedKey, 'wrappedKey'));
  const plaintext = decryptContent(dataKey, fromBase64url(envelope.nonce, 'nonce'), deliveryAad(getAddress(envelope.holder), envelope.uid), fromBase64url(ciphertext, 'ciphertext'));
  return JSON.parse(bytesToString(plaintext)) as OpenCredentialReturnType;
}
