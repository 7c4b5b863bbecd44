import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { RevokeCredentialParameters } from '../actions/revokeCredential.js';
import { InvalidParameterError } from '../errors/base.js';
import type { PreparedCall } from './types.js';

export type PrepareRevokeCredentialParameters = Omit<RevokeCredentialParameters, 'account'>;
export type PrepareRevokeCredentialReturnType = PreparedCall;

/**
 * The unsigned call of `revokeCredential`: the issuer revokes a credential it issued, named by its
 * commitment. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * await issuerWallet.sendTransaction(prepareRevokeCredential({ registry, commitment: root }))
 */
export function prepareRevokeCredential(
  { registry, commitment }: PrepareRevokeCredentialParameters,
): PrepareRevokeCredentialReturnType {
  if (!/^0x[0-9a-fA-F]{64}$/.test(commitment)) {
    throw new InvalidParameterError('commitment', 'must be a 32-byte hex string');
  }
  const data = encodeFunctionData({ abi: identityRegistryAbi, functionName: 'revokeCredential', args: [commitment] });
  return { to: registry, data };
}
