import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';

export type RemoveGuardianParameters = HolderRegistryWriteParameters & { guardian: Address; threshold: number };
export type RemoveGuardianReturnType = TransactionResult;

/**
 * The caller's identity removes `guardian` and sets the threshold (0 only when none remain).
 *
 * @example
 * await removeGuardian(aliceClient, { holderRegistry, guardian: bob, threshold: 1 })
 */
export async function removeGuardian(client: RegistryClient, { holderRegistry, account, ...p }: RemoveGuardianParameters): Promise<RemoveGuardianReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'removeGuardian', args: [p.guardian, p.threshold] });
  return { hash, blockNumber, gasUsed };
}
