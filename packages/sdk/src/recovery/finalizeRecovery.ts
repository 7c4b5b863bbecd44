import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';

export type FinalizeRecoveryParameters = HolderRegistryWriteParameters & { identity: Address; newKey: Address };
export type FinalizeRecoveryReturnType = TransactionResult;

/**
 * Anyone completes a recovery that met the threshold once the delay has passed; before that it\n * fails as `RecoveryNotReadyError`.
 *
 * @example
 * await finalizeRecovery(anyClient, { holderRegistry, identity: alice, newKey })
 */
export async function finalizeRecovery(client: RegistryClient, { holderRegistry, account, ...p }: FinalizeRecoveryParameters): Promise<FinalizeRecoveryReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'finalizeRecovery', args: [p.identity, p.newKey] });
  return { hash, blockNumber, gasUsed };
}
