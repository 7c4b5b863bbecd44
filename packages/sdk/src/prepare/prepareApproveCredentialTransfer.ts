import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { ApproveCredentialTransferParameters } from '../actions/approveCredentialTransfer.js';
import type { PreparedCall } from './types.js';

export type PrepareApproveCredentialTransferParameters = Omit<ApproveCredentialTransferParameters, 'account'>;
export type PrepareApproveCredentialTransferReturnType = PreparedCall;

/**
 * The unsigned call of `approveCredentialTransfer`: the issuer approves a requested transfer, named by
 * the credential's commitment. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * await agencyWallet.sendTransaction(prepareApproveCredentialTransfer({ registry, commitment: titleRoot, to: buyer }))
 */
export function prepareApproveCredentialTransfer(
  { registry, commitment, to }: PrepareApproveCredentialTransferParameters,
): PrepareApproveCredentialTransferReturnType {
  const data = encodeFunctionData({
    abi: identityRegistryAbi,
    functionName: 'approveCredentialTransfer',
    args: [commitment, to],
  });
  return { to: registry, data };
}
