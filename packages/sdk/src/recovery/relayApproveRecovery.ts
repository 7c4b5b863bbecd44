import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
import type { SignedApproveRecovery } from './types.js';

export type RelayApproveRecoveryParameters = HolderRegistryWriteParameters & Omit<SignedApproveRecovery, 'nonce'> & { nonce?: bigint };
export type RelayApproveRecoveryReturnType = TransactionResult;

/**
 * A sponsor submits a guardian's signed `ApproveRecovery` and pays the gas. It counts like
 * `approveRecovery`: once per guardian (`RecoveryAlreadyApprovedError`), only from a guardian
 * (`RecoveryNotGuardianError`); a replayed message fails as `HolderSignatureInvalidError`.
 *
 * @example
 * await relayApproveRecovery(sponsorClient, { holderRegistry, ...approval })
 */
export async function relayApproveRecovery(
  client: RegistryClient,
  { holderRegistry, account, guardian, identity, newKey, deadline, signature }: RelayApproveRecoveryParameters,
): Promise<RelayApproveRecoveryReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, {
    holderRegistry,
    account,
    functionName: 'approveRecoveryBySig',
    args: [guardian, identity, newKey, deadline, signature],
  });
  return { hash, blockNumber, gasUsed };
}
