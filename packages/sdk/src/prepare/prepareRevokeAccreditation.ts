import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { RevokeAccreditationParameters } from '../actions/revokeAccreditation.js';
import type { PreparedCall } from './types.js';

export type PrepareRevokeAccreditationParameters = Omit<RevokeAccreditationParameters, 'account'>;
export type PrepareRevokeAccreditationReturnType = PreparedCall;

/**
 * The unsigned call of `revokeAccreditation`; the accrediting government or root signs it.
 * Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const call = prepareRevokeAccreditation({ registry, issuer: university, credentialType: 2 })
 * await governmentWallet.sendTransaction(call)
 */
export function prepareRevokeAccreditation(
  { registry, issuer, credentialType }: PrepareRevokeAccreditationParameters,
): PrepareRevokeAccreditationReturnType {
  const data = encodeFunctionData({
    abi: identityRegistryAbi,
    functionName: 'revokeAccreditation',
    args: [issuer, credentialType],
  });
  return { to: registry, data };
}
