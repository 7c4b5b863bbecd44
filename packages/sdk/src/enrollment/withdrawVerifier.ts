import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';

export type WithdrawVerifierParameters = EnrollmentRegistryWriteParameters & { verifier: Address };
export type WithdrawVerifierReturnType = TransactionResult;

/**
 * An active government withdraws a verifier: its reputation drops to 0, so its answers weigh nothing.
 *
 * @example
 * await withdrawVerifier(ministry, { enrollmentRegistry, verifier })
 */
export async function withdrawVerifier(
  client: RegistryClient,
  { verifier, ...rest }: WithdrawVerifierParameters,
): Promise<WithdrawVerifierReturnType> {
  const { hash, blockNumber, gasUsed } = await writeEnrollmentRegistry(client, { ...rest, functionName: 'withdrawVerifier', args: [verifier] });
  return { hash, blockNumber, gasUsed };
}
