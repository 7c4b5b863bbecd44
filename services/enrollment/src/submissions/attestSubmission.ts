import type { Hash } from 'viem';
import { EnrollmentFieldNotConfirmedError, type RegistryClient } from '@identree/sdk';
import type { EnrollmentChain } from '../chain/enrollmentChain.js';
import { EnrollmentRequestError } from '../errors.js';
import type { SubmissionStore } from './submissionStore.js';
import { enrolledSubmission } from '../tasks/verifierTasks.js';

/**
 * The identity provider records the answers received so far in one batch, then, when every field is
 * confirmed, attests the enrollment with the credential it anchored for the enrollee: both in one
 * transaction (`recordAndAttest`) when the batch decides every field, else the batch alone and a 409
 * naming the field still open. The batch is moved to `batches` only once the chain took it.
 *
 * @example
 * const { credential } = await attestSubmission({ enrollment, credentialCommitment, provider, chain, store })
 */
export async function attestSubmission(p: {
  enrollment: Hash;
  credentialCommitment: Hash;
  provider: RegistryClient;
  chain: EnrollmentChain;
  store: SubmissionStore;
}): Promise<{ credential: Hash; batches: number }> {
  const submission = await enrolledSubmission(p.store, p.chain, p.enrollment);
  const commitment = { enrollee: submission.enrollee, imageHash: submission.imageHash, fieldsRoot: submission.fieldsRoot };
  const recorded = (batch: typeof submission.pending) =>
    p.store.update(p.enrollment, (s) => ({ ...s, pending: s.pending.slice(batch.length), batches: [...s.batches, batch] }));
  if (submission.pending.length > 0) {
    const batch = submission.pending;
    try {
      // Simulated before it is sent, so an undecided field costs no gas and records nothing.
      const { credential } = await p.chain.recordAndAttest(p.provider, commitment, batch, p.credentialCommitment);
      await recorded(batch);
      return { credential, batches: (await p.store.get(p.enrollment))!.batches.length };
    } catch (error) {
      if (!(error instanceof EnrollmentFieldNotConfirmedError)) throw error;
    }
    await p.chain.recordConfirmations(p.provider, p.enrollment, batch);
    await recorded(batch);
  }
  const e = await p.chain.getEnrollment(p.enrollment);
  const open = e?.fields.findIndex((f) => f.outcome !== 'Confirmed') ?? -1;
  if (open >= 0) {
    throw new EnrollmentRequestError('not_enrolled', `Field ${open} (${submission.fields[open]?.name}) is ${e!.fields[open]!.outcome.toLowerCase()}: it needs more confirmations before attestation.`);
  }
  const { credential } = await p.chain.attest(p.provider, commitment, p.credentialCommitment);
  return { credential, batches: (await p.store.get(p.enrollment))!.batches.length };
}
