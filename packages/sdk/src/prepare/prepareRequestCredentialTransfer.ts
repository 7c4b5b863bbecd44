import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { RequestCredentialTransferParameters } from '../actions/requestCredentialTransfer.js';
import type { PreparedCall } from './types.js';

export type PrepareRequestCredentialTransferParameters = Omit<RequestCredentialTransferParameters, 'account'>;
export type PrepareRequestCredentialTransferReturnType = PreparedCall;

/**
 * The unsigned call of `requestCredentialTransfer`: the holder of an asset credential asks to hand it
 * to `to`. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * await sellerWallet.sendTransaction(prepareRequestCredentialTransfer({ registry, uid: carTitle, to: buyer }))
 */
export function prepareRequestCredentialTransfer(
  { registry, uid, to }: PrepareRequestCredentialTransferParameters,
): PrepareRequestCredentialTransferReturnType {
  const data = encodeFunctionData({
    abi: identityRegistryAbi,
    functionName: 'requestCredentialTransfer',
    args: [uid, to],
  });
  return { to: registry, data };
}
