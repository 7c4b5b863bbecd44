import type { Hash } from 'viem';
import type { EnrollmentCommitment } from './types.js';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';

export type AttestEnrollmentParameters = EnrollmentRegistryWriteParameters & {
  /** The enrollment's commitment (the registry keeps no enrollee: the id commits to it). */
  commitment: EnrollmentCommitment;
  /** The commitment of the credential the caller anchored for the enrollee (`anchorCredential`). */
  credentialCommitment: Hash;
};
export type AttestEnrollmentReturnType = TransactionResult & { credential: Hash };

/**
 * The identity provider attests a fully confirmed enrollment with the credential it anchored for the
 * enrollee; `getCredentialEnrollment` then follows the credential back to the enrollment.
 *
 * @example
 * await anchorCredential(provider, { registry, request: { subject: enrollee, credentialType, commitment, ... } })
 * await attestEnrollment(provider, { enrollmentRegistry, commitment: enrollmentCommitment, credentialCommitment: commitment })
 */
export async function attestEnrollment(
  client: RegistryClient,
  { commitment, credentialCommitment, ...rest }: AttestEnrollmentParameters,
): Promise<AttestEnrollmentReturnType> {
  const { hash, blockNumber, gasUsed, result } = await writeEnrollmentRegistry<Hash>(client, {
    ...rest,
    functionName: 'attest',
    args: [commitment, credentialCommitment],
  });
  return { hash, blockNumber, gasUsed, credential: result };
}
