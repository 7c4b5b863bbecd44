import type { Address, Hash } from 'viem';
import { recoverFieldConfirmation, type FieldConfirmation } from '@identree/sdk';
import type { EnrollmentChain } from '../chain/enrollmentChain.js';
import { EnrollmentRequestError } from '../errors.js';
import type { SubmissionStore } from '../submissions/submissionStore.js';
import { enrolledSubmission } from './verifierTasks.js';

/**
 * Takes a verifier's signed answer for one of its fields. Refused, before anything is kept, when the
 * registry did not assign that slot of that field to this verifier, or when the signature is not the
 * verifier's over this answer; a slot answered twice keeps the first answer.
 *
 * @example
 * await acceptConfirmation({ enrollment, verifier, confirmation, chain, store })
 */
export async function acceptConfirmation(p: {
  enrollment: Hash;
  verifier: Address;
  confirmation: FieldConfirmation;
  chain: EnrollmentChain;
  store: SubmissionStore;
}): Promise<{ pending: number }> {
  const submission = await enrolledSubmission(p.store, p.chain, p.enrollment);
  const c = p.confirmation;
  const assigned = (await p.chain.assignments(p.enrollment)).find((a) => a.field === c.field && a.slot === c.slot);
  if (!assigned || assigned.verifier.toLowerCase() !== p.verifier.toLowerCase()) {
    throw new EnrollmentRequestError(
      'verifier_not_assigned',
      `${p.verifier} is not the verifier assigned to slot ${c.slot} of field ${c.field}; fetch your tasks for the fields you may answer.`,
    );
  }
  const field = submission.fields[c.field]!;
  const signed = await recoverFieldConfirmation({
    enrollmentRegistry: p.chain.enrollmentRegistry,
    chainId: p.chain.chainId,
    enrollment: p.enrollment,
    confirmation: c,
    fieldHash: field.fieldHash,
    committedTextHash: field.textHash,
    verifier: p.verifier,
  });
  if (!signed) throw new EnrollmentRequestError('confirmation_invalid', `The signature is not ${p.verifier}'s over this answer for field ${c.field}.`);
  const answered = (s: { field: number; slot: number }) => s.field === c.field && s.slot === c.slot;
  const updated = await p.store.update(p.enrollment, (s) =>
    s.pending.some(answered) || s.batches.flat().some(answered) ? s : { ...s, pending: [...s.pending, c] },
  );
  return { pending: updated.pending.length };
}
