import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { TransferRootParameters } from '../actions/transferRoot.js';
import type { PreparedCall } from './types.js';

export type PrepareTransferRootParameters = Omit<TransferRootParameters, 'account'>;
export type PrepareTransferRootReturnType = PreparedCall;

/**
 * The unsigned call of `transferRoot`: the root offers root to an active government (step one of
 * two); the zero address cancels an offer. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * await rootWallet.sendTransaction(prepareTransferRoot({ registry, newRoot: government2 }))
 */
export function prepareTransferRoot(
  { registry, newRoot }: PrepareTransferRootParameters,
): PrepareTransferRootReturnType {
  const data = encodeFunctionData({ abi: identityRegistryAbi, functionName: 'transferRoot', args: [newRoot] });
  return { to: registry, data };
}
