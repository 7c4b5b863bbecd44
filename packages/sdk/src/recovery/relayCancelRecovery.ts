import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
import type { SignedCancelRecovery } from './types.js';

export type RelayCancelRecoveryParameters = HolderRegistryWriteParameters & Omit<SignedCancelRecovery, 'nonce'> & { nonce?: bigint };
export type RelayCancelRecoveryReturnType = TransactionResult;

/**
 * A sponsor submits an identity's signed `CancelRecovery` and pays the gas.
 *
 * @example
 * await relayCancelRecovery(sponsorClient, { holderRegistry, ...signed })
 */
export async function relayCancelRecovery(
  client: RegistryClient,
  { holderRegistry, account, identity, deadline, signature }: RelayCancelRecoveryParameters,
): Promise<RelayCancelRecoveryReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, {
    holderRegistry,
    account,
    functionName: 'cancelRecoveryBySig',
    args: [identity, deadline, signature],
  });
  return { hash, blockNumber, gasUsed };
}
