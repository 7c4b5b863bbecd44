import type { Address, Hash } from 'viem';
import {
  attestEnrollment,
  checkConfirmation,
  confirmationBatchTree,
  getEnrollment,
  getFieldAssignments,
  recordAndAttest,
  recordConfirmations,
  type CheckConfirmationReturnType,
  type EnrollmentCommitment,
  type FieldConfirmation,
  type FieldOpening,
  type GetEnrollmentReturnType,
  type GetFieldAssignmentsReturnType,
  type RegistryClient,
} from '@identree/sdk';
import { perBlock } from './perBlock.js';

/** What the enrollment service needs from the chain; the SDK adapter below is the only one. */
export type EnrollmentChain = {
  enrollmentRegistry: Address;
  chainId: number;
  getEnrollment(enrollment: Hash): Promise<GetEnrollmentReturnType>;
  assignments(enrollment: Hash): Promise<GetFieldAssignmentsReturnType>;
  /** Sent by the identity provider's client. */
  recordConfirmations(provider: RegistryClient, enrollment: Hash, confirmations: FieldConfirmation[]): Promise<{ batch: number }>;
  attest(provider: RegistryClient, commitment: EnrollmentCommitment, credentialCommitment: Hash): Promise<{ credential: Hash }>;
  /** The last batch and the attestation in one transaction; reverts as a whole while a field is undecided. */
  recordAndAttest(
    provider: RegistryClient,
    commitment: EnrollmentCommitment,
    confirmations: FieldConfirmation[],
    credentialCommitment: Hash,
  ): Promise<{ batch: number; credential: Hash }>;
  checkConfirmation(
    commitment: EnrollmentCommitment,
    batch: number,
    batchConfirmations: FieldConfirmation[],
    index: number,
    opening: FieldOpening,
  ): Promise<CheckConfirmationReturnType>;
};

/**
 * The chain port over the SDK: `reader` reads, and each write is sent by the client passed in (the
 * identity provider's), so the service holds no key of its own. An enrollment's state takes some forty
 * calls to read (every field's outcome, rounds and assigned verifiers), and every verifier of it asks
 * at once: reads are shared by everyone asking while the chain is at the same block (`perBlock`).
 */
export function sdkEnrollmentChain(reader: RegistryClient, enrollmentRegistry: Address, chainId: number): EnrollmentChain {
  const shared = perBlock(reader);
  const enrollmentAtHead = (enrollment: Hash) => shared(`enrollment ${enrollment}`, () => getEnrollment(reader, { enrollmentRegistry, enrollment }));
  return {
    enrollmentRegistry,
    chainId,
    getEnrollment: enrollmentAtHead,
    // The assignments build on the enrollment's state: the read the caller usually made just before is reused.
    assignments: (enrollment) =>
      shared(`assignments ${enrollment}`, async () => {
        const state = await enrollmentAtHead(enrollment);
        return getFieldAssignments(reader, { enrollmentRegistry, enrollment, ...(state ? { state } : {}) });
      }),
    recordConfirmations: (provider, enrollment, confirmations) => recordConfirmations(provider, { enrollmentRegistry, enrollment, confirmations }),
    attest: (provider, commitment, credentialCommitment) => attestEnrollment(provider, { enrollmentRegistry, commitment, credentialCommitment }),
    recordAndAttest: (provider, commitment, confirmations, credentialCommitment) =>
      recordAndAttest(provider, { enrollmentRegistry, commitment, confirmations, credentialCommitment }),
    checkConfirmation: (commitment, batch, batchConfirmations, index, opening) =>
      shared(`check ${JSON.stringify([commitment, batch, batchConfirmations, index, opening])}`, () => checkConfirmation(reader, {
        enrollmentRegistry,
        commitment,
        batch,
        confirmation: batchConfirmations[index]!,
        batchProof: confirmationBatchTree(batchConfirmations).proof(index),
        opening,
      })),
  };
}
