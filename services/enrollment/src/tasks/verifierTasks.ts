import type { Address, Hash } from 'viem';
import type { EnrollmentChain } from '../chain/enrollmentChain.js';
import { EnrollmentRequestError } from '../errors.js';
import type { Submission, SubmissionStore } from '../submissions/submissionStore.js';

export type VerifierTask = {
  field: number;
  slot: number;
  /** The field's label, e.g. `Name`. */
  name: string;
  /** The binarised crop, PNG, base64. */
  crop: string;
  /** What OCR read: the verifier confirms it, or corrects it. */
  text: string;
  fieldHash: Hash;
  committedTextHash: Hash;
};

/** A submission that exists here and is recorded on chain, or the error that says which is missing. */
export async function enrolledSubmission(store: SubmissionStore, chain: EnrollmentChain, enrollment: Hash): Promise<Submission> {
  const submission = await store.get(enrollment);
  if (!submission) throw new EnrollmentRequestError('submission_not_found', `No document was submitted as enrollment ${enrollment}.`);
  if (!(await chain.getEnrollment(enrollment))) {
    throw new EnrollmentRequestError('not_enrolled', `Enrollment ${enrollment} is not recorded on chain yet; the enrollee records it with enrollDocument.`);
  }
  return submission;
}

/**
 * A verifier's tasks for one enrollment: only the fields the registry assigned it (at most k of the
 * document), each with its crop and OCR text; nothing else of the document.
 *
 * @example
 * const tasks = await verifierTasks({ enrollment, verifier, chain, store })
 */
export async function verifierTasks(p: { enrollment: Hash; verifier: Address; chain: EnrollmentChain; store: SubmissionStore }): Promise<VerifierTask[]> {
  const submission = await enrolledSubmission(p.store, p.chain, p.enrollment);
  const mine = (await p.chain.assignments(p.enrollment)).filter((a) => a.verifier.toLowerCase() === p.verifier.toLowerCase());
  return mine.map(({ field, slot }) => {
    const f = submission.fields[field]!;
    return {
      field,
      slot,
      name: f.name,
      crop: Buffer.from(f.crop).toString('base64'),
      text: f.text,
      fieldHash: f.fieldHash,
      committedTextHash: f.textHash,
    };
  });
}
