import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';

export type ApproveRecoveryParameters = HolderRegistryWriteParameters & { identity: Address; newKey: Address };
export type ApproveRecoveryReturnType = TransactionResult;

/**
 * A guardian (by its current key) approves moving `identity` to `newKey`. An approval counts once\n * (`RecoveryAlreadyApprovedError`) and only for this identity, key and guardian-set nonce.
 *
 * @example
 * await approveRecovery(bobClient, { holderRegistry, identity: alice, newKey })
 */
export async function approveRecovery(client: RegistryClient, { holderRegistry, account, ...p }: ApproveRecoveryParameters): Promise<ApproveRecoveryReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'approveRecovery', args: [p.identity, p.newKey] });
  return { hash, blockNumber, gasUsed };
}
