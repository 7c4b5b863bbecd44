import type { Address, Hash } from 'viem';
import { correctionOpens, recoverFieldConfirmation, type FieldConfirmation, type FieldCorrection } from '@identree/sdk';
import type { EnrollmentChain } from '../chain/enrollmentChain.js';
import { EnrollmentRequestError } from '../errors.js';
import type { SubmissionStore } from '../submissions/submissionStore.js';
import { enrolledSubmission } from './verifierTasks.js';

/**
 * Takes a verifier's signed answer for one of its fields. Refused, before anything is kept, when the
 * registry did not assign that slot of that field to this verifier, when the signature is not the
 * verifier's over this answer, or when a correction comes without the text and salt that open its hash
 * (an unsalted hash of a short value such as a Sex is guessable). The opening is kept beside the answer,
 * off chain. A slot keeps its first answer: the very same answer sent again is taken again (a retry),
 * and any other answer for it is refused with `already_answered`, so the verifier is never told that
 * an answer that will not be recorded was.
 *
 * @example
 * await acceptConfirmation({ enrollment, verifier, confirmation, correction, chain, store })
 */
export async function acceptConfirmation(p: {
  enrollment: Hash;
  verifier: Address;
  confirmation: FieldConfirmation;
  /** With a correction: the text and salt its `textHash` commits to (`signFieldConfirmation`'s `correction`). */
  correction?: FieldCorrection;
  chain: EnrollmentChain;
  store: SubmissionStore;
}): Promise<{ pending: number }> {
  const submission = await enrolledSubmission(p.store, p.chain, p.enrollment);
  // Only the fields that go on chain: an opening passed along on the answer object stays off it.
  const { field, slot, agrees, textHash, r, vs } = p.confirmation;
  const c: FieldConfirmation = { field, slot, agrees, textHash, r, vs };
  const assigned = (await p.chain.assignments(p.enrollment)).find((a) => a.field === c.field && a.slot === c.slot);
  if (!assigned || assigned.verifier.toLowerCase() !== p.verifier.toLowerCase()) {
    throw new EnrollmentRequestError(
      'verifier_not_assigned',
      `${p.verifier} is not the verifier assigned to slot ${c.slot} of field ${c.field}; fetch your tasks for the fields you may answer.`,
    );
  }
  const stored = submission.fields[c.field]!;
  const signed = await recoverFieldConfirmation({
    enrollmentRegistry: p.chain.enrollmentRegistry,
    chainId: p.chain.chainId,
    enrollment: p.enrollment,
    confirmation: c,
    fieldHash: stored.fieldHash,
    committedTextHash: stored.textHash,
    verifier: p.verifier,
  });
  if (!signed) throw new EnrollmentRequestError('confirmation_invalid', `The signature is not ${p.verifier}'s over this answer for field ${c.field}.`);
  if (c.agrees && p.correction) {
    throw new EnrollmentRequestError('correction_invalid', `The answer for field ${c.field} confirms the text read; it carries no correction to open.`);
  }
  if (!c.agrees && !p.correction) {
    throw new EnrollmentRequestError('correction_invalid', `The correction of field ${c.field} needs its opening (correction: text and salt); sign it with signFieldConfirmation's correctedText.`);
  }
  if (p.correction && !correctionOpens(c.textHash, p.correction)) {
    throw new EnrollmentRequestError('correction_invalid', `The text and salt sent do not open the corrected text hash of field ${c.field}.`);
  }
  const opening = p.correction && { field: c.field, slot: c.slot, text: p.correction.text, salt: p.correction.salt };
  const answered = (s: { field: number; slot: number }) => s.field === c.field && s.slot === c.slot;
  const updated = await p.store.update(p.enrollment, (s) =>
    s.pending.some(answered) || s.batches.flat().some(answered)
      ? s
      : { ...s, pending: [...s.pending, c], corrections: opening ? [...s.corrections, opening] : s.corrections },
  );
  // Read back from what the store kept, not from which branch ran: a database adapter may run the change again.
  const standing = [...updated.batches.flat(), ...updated.pending].find(answered)!;
  if (!sameAnswer(standing, c)) {
    throw new EnrollmentRequestError(
      'already_answered',
      `Slot ${c.slot} of field ${c.field} (${stored.name}) already has ${p.verifier}'s ${standing.agrees ? 'confirmation' : 'correction'}; `
        + 'the first answer stands and this one was not taken.',
    );
  }
  return { pending: updated.pending.length };
}

/** The same signed answer: a resend, not a second opinion (a signature binds the field, slot, verdict and text hash). */
const sameAnswer = (a: FieldConfirmation, b: FieldConfirmation) =>
  a.agrees === b.agrees && a.textHash.toLowerCase() === b.textHash.toLowerCase() && a.r.toLowerCase() === b.r.toLowerCase() && a.vs.toLowerCase() === b.vs.toLowerCase();
