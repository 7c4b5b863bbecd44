import type { Address } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readEnrollmentRegistry, type EnrollmentRegistryParameters } from './enrollmentRegistryCall.js';
import { ConfirmationFault, type ConfirmationFaultName, type EnrollmentCommitment, type FieldConfirmation, type FieldOpening } from './types.js';

export type CheckConfirmationParameters = EnrollmentRegistryParameters & {
  commitment: EnrollmentCommitment;
  batch: number;
  confirmation: FieldConfirmation;
  /** From `confirmationBatchTree(batch).proof(index)`. */
  batchProof: readonly `0x${string}`[];
  opening: FieldOpening;
};
export type CheckConfirmationReturnType = { fault: ConfirmationFaultName; verifier: Address };

/**
 * Proves one recorded confirmation on its own against the chain: in its batch, over the committed field,
 * signed by the verifier assigned to its slot, who still stands. Reverts (typed) when the confirmation or
 * the field data was never recorded.
 *
 * @example
 * const { fault } = await checkConfirmation(client, { enrollmentRegistry, commitment, batch: 0, confirmation, batchProof, opening })
 */
export async function checkConfirmation(
  client: RegistryClient,
  { enrollmentRegistry, commitment, batch, confirmation, batchProof, opening }: CheckConfirmationParameters,
): Promise<CheckConfirmationReturnType> {
  const [fault, verifier] = await readEnrollmentRegistry<readonly [number, Address]>(client, {
    enrollmentRegistry,
    functionName: 'confirmationFault',
    args: [commitment, batch, confirmation, batchProof, opening],
  });
  const name = Object.entries(ConfirmationFault).find(([, v]) => v === fault)![0] as ConfirmationFaultName;
  return { fault: name, verifier };
}
