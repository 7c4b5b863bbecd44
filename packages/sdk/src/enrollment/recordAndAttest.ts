import type { Hash } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { encodeConfirmationBatch } from './confirmationLeaf.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';
import type { EnrollmentCommitment, FieldConfirmation } from './types.js';

export type RecordAndAttestParameters = EnrollmentRegistryWriteParameters & {
  commitment: EnrollmentCommitment;
  /** The last answers; once they are counted every field must be confirmed. */
  confirmations: readonly FieldConfirmation[];
  /** The commitment of the credential the caller anchored for the enrollee (`anchorCredential`). */
  credentialCommitment: Hash;
};
export type RecordAndAttestReturnType = TransactionResult & { batch: number; credential: Hash };

/**
 * The identity provider's last batch and its attestation in one transaction (`recordConfirmations` then
 * `attestEnrollment`, one 21,000-gas transaction start and one identity check fewer). Anchor the credential
 * first. Reverts as a whole (`EnrollmentFieldNotConfirmedError`) when a field is still undecided.
 *
 * @example
 * await anchorCredential(provider, { registry, request: { subject: enrollee, credentialType, commitment: credentialCommitment, ... } })
 * const { credential } = await recordAndAttest(provider, { enrollmentRegistry, commitment, confirmations, credentialCommitment })
 */
export async function recordAndAttest(
  client: RegistryClient,
  { commitment, confirmations, credentialCommitment, ...rest }: RecordAndAttestParameters,
): Promise<RecordAndAttestReturnType> {
  const { hash, blockNumber, gasUsed, result } = await writeEnrollmentRegistry<readonly [number, Hash]>(client, {
    ...rest,
    functionName: 'recordAndAttest',
    args: [commitment, encodeConfirmationBatch(confirmations), credentialCommitment],
  });
  return { hash, blockNumber, gasUsed, batch: Number(result[0]), credential: result[1] };
}
