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
 * await governmentWallet.sendTransaction(prepareRevokeAccreditation({ registry, issuer: university, credentialType: 2 }))
 */
export function prepareRevokeAccreditation({ registry, issuer, credentialType }: PrepareRevokeAccreditationParameters): PrepareRevokeAccreditationReturnType {
  return { to: registry, data: encodeFunctionData({ abi: identityRegistryAbi, functionName: 'revokeAccreditation', args: [issuer, credentialType] }) };
}
