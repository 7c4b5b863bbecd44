import type { Address, Hex } from 'viem';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type ApproveCredentialTransferParameters = RegistryWriteParameters & { commitment: Hex; to: Address };
export type ApproveCredentialTransferReturnType = TransactionResult;

/**
 * The issuer approves a requested transfer of an asset credential; ownership moves to `to`.
 *
 * @example
 * await approveCredentialTransfer(carAgency, { registry, commitment: titleRoot, to: buyer })
 */
export async function approveCredentialTransfer(
  client: RegistryClient,
  { commitment, to, ...rest }: ApproveCredentialTransferParameters,
): Promise<ApproveCredentialTransferReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'approveCredentialTransfer', args: [commitment, to] });
  return { hash, blockNumber, gasUsed };
}
