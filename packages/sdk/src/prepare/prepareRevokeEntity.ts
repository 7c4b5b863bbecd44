import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { RevokeEntityParameters } from '../actions/revokeEntity.js';
import type { PreparedCall } from './types.js';

export type PrepareRevokeEntityParameters = Omit<RevokeEntityParameters, 'account'>;
export type PrepareRevokeEntityReturnType = PreparedCall;

/**
 * The unsigned call of `revokeEntity`. Revokes an entity for good; the signer must be root or in the
 * entity's registration chain.
 * Pure: nothing is read from or sent to the chain.
 *
 * @example
 * await governmentWallet.sendTransaction(prepareRevokeEntity({ registry, entity: university }))
 */
export function prepareRevokeEntity(
  { registry, entity }: PrepareRevokeEntityParameters,
): PrepareRevokeEntityReturnType {
  const data = encodeFunctionData({ abi: identityRegistryAbi, functionName: 'revokeEntity', args: [entity] });
  return { to: registry, data };
}
