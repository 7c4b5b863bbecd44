import type { Hash } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';

export type SealBeaconParameters = EnrollmentRegistryWriteParameters & { enrollment: Hash };
export type SealBeaconReturnType = TransactionResult;

/**
 * Fixes an enrollment's panels from the hash of its block. Anyone may send it, from the next block and
 * within 256 blocks; the first batch of confirmations does it too. Verifiers cannot be told their
 * fields before it.
 *
 * @example
 * await sealBeacon(service, { enrollmentRegistry, enrollment })
 */
export async function sealBeacon(client: RegistryClient, { enrollment, ...rest }: SealBeaconParameters): Promise<SealBeaconReturnType> {
  const { hash, blockNumber, gasUsed } = await writeEnrollmentRegistry(client, { ...rest, functionName: 'sealBeacon', args: [enrollment] });
  return { hash, blockNumber, gasUsed };
}
