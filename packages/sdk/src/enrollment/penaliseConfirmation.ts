import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';
import type { EnrollmentCommitment, FieldConfirmation, FieldOpening } from './types.js';

export type PenaliseConfirmationParameters = EnrollmentRegistryWriteParameters & {
  commitment: EnrollmentCommitment;
  batch: number;
  confirmation: FieldConfirmation;
  /** From `confirmationBatchTree(batch).proof(index)`. */
  batchProof: readonly `0x${string}`[];
  opening: FieldOpening;
};
export type PenaliseConfirmationReturnType = TransactionResult;

/**
 * Shows a recorded confirmation of a field a government found false: its verifier loses half its
 * reputation, once per confirmation. Anyone may send it.
 *
 * @example
 * await penaliseConfirmation(anyone, { enrollmentRegistry, commitment, batch: 0, confirmation, batchProof, opening })
 */
export async function penaliseConfirmation(
  client: RegistryClient,
  { commitment, batch, confirmation, batchProof, opening, ...rest }: PenaliseConfirmationParameters,
): Promise<PenaliseConfirmationReturnType> {
  const { hash, blockNumber, gasUsed } = await writeEnrollmentRegistry(client, {
    ...rest,
    functionName: 'penaliseConfirmation',
    args: [commitment, batch, confirmation, batchProof, opening],
  });
  return { hash, blockNumber, gasUsed };
}
