import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { AcceptRootParameters } from '../actions/acceptRoot.js';
import type { PreparedCall } from './types.js';

export type PrepareAcceptRootParameters = Omit<AcceptRootParameters, 'account'>;
export type PrepareAcceptRootReturnType = PreparedCall;

/**
 * The unsigned call of `acceptRoot`: the pending root accepts the offer (step two of two).
 * Pure: nothing is read from or sent to the chain.
 *
 * @example
 * await government2Wallet.sendTransaction(prepareAcceptRoot({ registry }))
 */
export function prepareAcceptRoot({ registry }: PrepareAcceptRootParameters): PrepareAcceptRootReturnType {
  return { to: registry, data: encodeFunctionData({ abi: identityRegistryAbi, functionName: 'acceptRoot' }) };
}
