import { encodeFunctionData, isAddress } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { RevokeCredentialOfParameters } from '../actions/revokeCredentialOf.js';
import { InvalidParameterError } from '../errors/base.js';
import type { PreparedCall } from './types.js';

export type PrepareRevokeCredentialOfParameters = Omit<RevokeCredentialOfParameters, 'account'>;
export type PrepareRevokeCredentialOfReturnType = PreparedCall;

/**
 * The unsigned call of `revokeCredentialOf`: root or a registrar above `issuer` revokes a credential
 * `issuer` anchored, named by its commitment. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * await rootWallet.sendTransaction(prepareRevokeCredentialOf({ registry, issuer: province, commitment }))
 */
export function prepareRevokeCredentialOf(
  { registry, issuer, commitment }: PrepareRevokeCredentialOfParameters,
): PrepareRevokeCredentialOfReturnType {
  if (!isAddress(issuer)) throw new InvalidParameterError('issuer', `not an address: ${String(issuer)}`);
  if (!/^0x[0-9a-fA-F]{64}$/.test(commitment)) throw new InvalidParameterError('commitment', 'must be a 32-byte hex string');
  const data = encodeFunctionData({ abi: identityRegistryAbi, functionName: 'revokeCredentialOf', args: [issuer, commitment] });
  return { to: registry, data };
}
