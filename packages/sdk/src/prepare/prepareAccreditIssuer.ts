import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { AccreditIssuerParameters } from '../actions/accreditIssuer.js';
import type { PreparedCall } from './types.js';

export type PrepareAccreditIssuerParameters = Omit<AccreditIssuerParameters, 'account'>;
export type PrepareAccreditIssuerReturnType = PreparedCall;

/**
 * The unsigned call of `accreditIssuer`: a government accredits `issuer` for one credential type.
 * Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const call = prepareAccreditIssuer({ registry, issuer: university, credentialType: CredentialType.Passport })
 * await governmentWallet.sendTransaction(call)
 */
export function prepareAccreditIssuer(
  { registry, issuer, credentialType }: PrepareAccreditIssuerParameters,
): PrepareAccreditIssuerReturnType {
  const data = encodeFunctionData({
    abi: identityRegistryAbi,
    functionName: 'accreditIssuer',
    args: [issuer, credentialType],
  });
  return { to: registry, data };
}
