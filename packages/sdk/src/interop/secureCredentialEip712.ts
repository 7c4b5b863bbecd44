import { isHex, type Hex } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import type { CredentialEip712TypedData } from './prepareCredentialEip712.js';

export type SecureCredentialEip712Parameters = {
  /** The issuer's current key's `eth_signTypedData_v4` signature of the typed data. */
  signature: Hex;
};

/** A VC 2.0 credential secured with an `EthereumEip712Signature2021` proof. */
export type Eip712SecuredCredential = Record<string, unknown> & {
  issuer: string;
  proof: { type: string; created: string; proofPurpose: string; verificationMethod: string; proofValue: Hex; eip712: Omit<CredentialEip712TypedData, 'message'> };
};

/**
 * Joins the typed data from `prepareCredentialEip712` and the wallet's signature of it into an
 * `EthereumEip712Signature2021` credential: the proof carries the signature (`proofValue`) and the
 * domain and types it was made over (`eip712`), so a verifier rebuilds the signed message from the
 * document alone. Veramo's `@veramo/credential-eip712` verifies it, resolving the issuer through
 * our DID resolver; a signature by any key but the issuer's current one is refused.
 *
 * @example
 * const typed = prepareCredentialEip712(vc)
 * const secured = secureCredentialEip712(typed, { signature: await signer.signTypedData(typed) })
 */
export function secureCredentialEip712({ domain, types, primaryType, message }: CredentialEip712TypedData, { signature }: SecureCredentialEip712Parameters): Eip712SecuredCredential {
  if (!isHex(signature) || signature.length !== 132) throw new InvalidParameterError('signature', 'is not a 65-byte hex signature');
  const { type, created, proofPurpose, verificationMethod } = message.proof;
  return { ...message, issuer: String(message.issuer), proof: { type, created, proofPurpose, verificationMethod, proofValue: signature, eip712: { domain, types, primaryType } } };
}
