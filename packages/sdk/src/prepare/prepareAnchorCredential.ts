import { encodeFunctionData, zeroAddress, zeroHash } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { AnchorCredentialParameters } from '../actions/anchorCredential.js';
import { InvalidParameterError } from '../errors/base.js';
import { NO_EXPIRY, toUint32Seconds } from '../utils/timestamp.js';
import type { PreparedCall } from './types.js';

export type PrepareAnchorCredentialParameters = Omit<AnchorCredentialParameters, 'account'>;
export type PrepareAnchorCredentialReturnType = PreparedCall;

/**
 * The unsigned call of `anchorCredential`: anchors a commitment for `subject` once the issuer signs
 * and sends it. With `parents` it calls `anchorBirthCertificate`, as the action does.
 * Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const call = prepareAnchorCredential({
 *   registry, subject: alice, credentialType: CredentialType.Passport, commitment: root,
 * })
 * await issuerWallet.sendTransaction(call)
 */
export function prepareAnchorCredential(parameters: PrepareAnchorCredentialParameters): PrepareAnchorCredentialReturnType {
  return { to: parameters.registry, data: encodeFunctionData({ abi: identityRegistryAbi, ...anchorCredentialCall(parameters) }) };
}

/**
 * The function and arguments that anchor a credential, checked: `anchorBirthCertificate` with
 * `parents`, else `anchorCredential`. Shared by the action and the prepared call.
 */
export function anchorCredentialCall({
  subject,
  credentialType,
  commitment,
  validFrom = 0,
  validUntil = NO_EXPIRY,
  source = zeroHash,
  parents,
}: Omit<PrepareAnchorCredentialParameters, 'registry'>) {
  if (!/^0x[0-9a-fA-F]{64}$/.test(commitment)) {
    throw new InvalidParameterError('commitment', 'must be a 32-byte hex string');
  }
  const request = {
    subject,
    credentialType,
    validFrom: toUint32Seconds('validFrom', validFrom),
    validUntil: toUint32Seconds('validUntil', validUntil),
    commitment,
    source,
  };
  return parents
    ? ({ functionName: 'anchorBirthCertificate', args: [request, parents.father ?? zeroAddress, parents.mother ?? zeroAddress] } as const)
    : ({ functionName: 'anchorCredential', args: [request] } as const);
}
