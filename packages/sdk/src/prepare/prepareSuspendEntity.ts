import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { SuspendEntityParameters } from '../actions/suspendEntity.js';
import type { PreparedCall } from './types.js';

export type PrepareSuspendEntityParameters = Omit<SuspendEntityParameters, 'account'>;
export type PrepareSuspendEntityReturnType = PreparedCall;

/**
 * The unsigned call of `suspendEntity`. Suspends an active entity; the signer must be root or in the
 * entity's registration chain.
 * Pure: nothing is read from or sent to the chain.
 *
 * @example
 * await governmentWallet.sendTransaction(prepareSuspendEntity({ registry, entity: university }))
 */
export function prepareSuspendEntity(
  { registry, entity }: PrepareSuspendEntityParameters,
): PrepareSuspendEntityReturnType {
  const data = encodeFunctionData({ abi: identityRegistryAbi, functionName: 'suspendEntity', args: [entity] });
  return { to: registry, data };
}
