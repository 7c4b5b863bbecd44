import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';

export type AddGuardianParameters = HolderRegistryWriteParameters & { guardian: Address; threshold: number };
export type AddGuardianReturnType = TransactionResult;

/**
 * The caller's identity adds `guardian` (an active registered entity) and sets the threshold M of the N\n * guardians after the change. Every change of the set voids pending approvals. Bad input fails as\n * `GuardianInvalidError`, `GuardianDuplicateError` or `GuardianThresholdInvalidError` and changes nothing.
 *
 * @example
 * await addGuardian(aliceClient, { holderRegistry, guardian: bob, threshold: 2 })
 */
export async function addGuardian(client: RegistryClient, { holderRegistry, account, ...p }: AddGuardianParameters): Promise<AddGuardianReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'addGuardian', args: [p.guardian, p.threshold] });
  return { hash, blockNumber, gasUsed };
}
