import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { ReinstateEntityParameters } from '../actions/reinstateEntity.js';
import type { PreparedCall } from './types.js';

export type PrepareReinstateEntityParameters = Omit<ReinstateEntityParameters, 'account'>;
export type PrepareReinstateEntityReturnType = PreparedCall;

/**
 * The unsigned call of `reinstateEntity`. Reinstates a suspended entity; the signer must be root or in the
 * entity's registration chain.
 * Pure: nothing is read from or sent to the chain.
 *
 * @example
 * await governmentWallet.sendTransaction(prepareReinstateEntity({ registry, entity: university }))
 */
export function prepareReinstateEntity(
  { registry, entity }: PrepareReinstateEntityParameters,
): PrepareReinstateEntityReturnType {
  const data = encodeFunctionData({ abi: identityRegistryAbi, functionName: 'reinstateEntity', args: [entity] });
  return { to: registry, data };
}
