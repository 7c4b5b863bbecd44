import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';
import type { EnrollmentCommitment, FieldConfirmation, FieldOpening } from './types.js';

export type ConfirmFieldParameters = EnrollmentRegistryWriteParameters & {
  commitment: EnrollmentCommitment;
  confirmation: FieldConfirmation;
  opening: FieldOpening;
};
export type ConfirmFieldReturnType = TransactionResult & { batch: number };

/**
 * Submits one signed confirmation, checked on the spot: a signature by anyone but the verifier assigned
 * to that slot of that field is refused (`EnrollmentVerifierNotAssignedError`). Anyone may send it.
 *
 * @example
 * await confirmField(relayer, { enrollmentRegistry, commitment, confirmation, opening: openings[0] })
 */
export async function confirmField(
  client: RegistryClient,
  { commitment, confirmation, opening, ...rest }: ConfirmFieldParameters,
): Promise<ConfirmFieldReturnType> {
  const { hash, blockNumber, gasUsed, result } = await writeEnrollmentRegistry<number>(client, {
    ...rest,
    functionName: 'confirmField',
    args: [commitment, confirmation, opening],
  });
  return { hash, blockNumber, gasUsed, batch: Number(result) };
}
