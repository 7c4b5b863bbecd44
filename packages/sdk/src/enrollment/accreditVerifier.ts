import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';

export type AccreditVerifierParameters = EnrollmentRegistryWriteParameters & { verifier: Address };
export type AccreditVerifierReturnType = TransactionResult & { index: number };

/**
 * An active government adds a registered person or organization to the pool of document verifiers.
 *
 * @example
 * await accreditVerifier(ministry, { enrollmentRegistry, verifier })
 */
export async function accreditVerifier(
  client: RegistryClient,
  { verifier, ...rest }: AccreditVerifierParameters,
): Promise<AccreditVerifierReturnType> {
  const { hash, blockNumber, gasUsed, result } = await writeEnrollmentRegistry<number>(client, {
    ...rest,
    functionName: 'accreditVerifier',
    args: [verifier],
  });
  return { hash, blockNumber, gasUsed, index: Number(result) };
}
