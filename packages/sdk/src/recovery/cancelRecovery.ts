import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';

export type CancelRecoveryParameters = HolderRegistryWriteParameters;
export type CancelRecoveryReturnType = TransactionResult;

/**
 * The identity's current key voids every pending recovery (during the delay, for instance).
 *
 * @example
 * await cancelRecovery(aliceClient, { holderRegistry })
 */
export async function cancelRecovery(client: RegistryClient, { holderRegistry, account }: CancelRecoveryParameters): Promise<CancelRecoveryReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'cancelRecovery', args: [] });
  return { hash, blockNumber, gasUsed };
}
