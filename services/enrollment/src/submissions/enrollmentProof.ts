import type { Address, Hash } from 'viem';
import { commitDocumentFields, type ConfirmationFaultName, type FieldOpening, type FieldOutcomeName } from '@identree/sdk';
import type { EnrollmentChain } from '../chain/enrollmentChain.js';
import { EnrollmentRequestError } from '../errors.js';
import type { SubmissionStore } from './submissionStore.js';

export type EnrollmentProof = {
  enrollment: Hash;
  status: string;
  imageHash: Hash;
  fieldsRoot: Hash;
  fields: { field: number; outcome: FieldOutcomeName; fieldHash: Hash; textHash: Hash }[];
  /** Every recorded confirmation, each checked alone against its batch root on chain. */
  confirmations: { batch: number; field: number; slot: number; agrees: boolean; verifier: Address; fault: ConfirmationFaultName }[];
  /** True when the chain says attested and every confirmation checked holds no fault. */
  sound: boolean;
};

/**
 * Anyone's check of an enrollment: its on-chain standing, its field outcomes, and each recorded
 * confirmation proved alone (batch root, committed field, assigned verifier's signature). Hashes
 * only: no crop and no text.
 *
 * @example
 * const proof = await enrollmentProof({ enrollment, chain, store })
 */
export async function enrollmentProof(p: { enrollment: Hash; chain: EnrollmentChain; store: SubmissionStore }): Promise<EnrollmentProof> {
  const submission = await p.store.get(p.enrollment);
  const onChain = await p.chain.getEnrollment(p.enrollment);
  if (!submission || !onChain) throw new EnrollmentRequestError('submission_not_found', `No enrollment ${p.enrollment} is known here and on chain.`);
  const commitment = { enrollee: submission.enrollee, imageHash: submission.imageHash, fieldsRoot: submission.fieldsRoot };
  const openings = fieldOpenings(submission);
  const confirmations: EnrollmentProof['confirmations'] = [];
  for (const [batch, list] of submission.batches.entries()) {
    for (const [index, c] of list.entries()) {
      const { fault, verifier } = await p.chain.checkConfirmation(commitment, batch, list, index, openings[c.field]!);
      confirmations.push({ batch, field: c.field, slot: c.slot, agrees: c.agrees, verifier, fault });
    }
  }
  return {
    enrollment: p.enrollment,
    status: onChain.status,
    imageHash: submission.imageHash,
    fieldsRoot: submission.fieldsRoot,
    fields: onChain.fields.map((f, i) => ({ field: i, outcome: f.outcome, fieldHash: submission.fields[i]!.fieldHash, textHash: submission.fields[i]!.textHash })),
    confirmations,
    sound: onChain.status === 'Attested' && confirmations.every((c) => c.fault === 'None'),
  };
}

/**
 * Each field's opening against the submission's root. Building the tree takes milliseconds
 * (OpenZeppelin's merkle-tree, about 7 ms for ten fields here), ten times what the rest of a proof
 * costs, and anyone may ask for a proof as often as they like: openings are kept per root, which
 * commits to the very field hashes they open, for the last 1,024 enrollments asked about.
 */
function fieldOpenings(submission: { fieldsRoot: Hash; fields: { fieldHash: Hash; textHash: Hash }[] }): FieldOpening[] {
  let openings = openingsByRoot.get(submission.fieldsRoot);
  if (!openings) {
    ({ openings } = commitDocumentFields({ fields: submission.fields.map((f) => ({ fieldHash: f.fieldHash, textHash: f.textHash })) }));
    if (openingsByRoot.size >= 1024) openingsByRoot.delete(openingsByRoot.keys().next().value!);
    openingsByRoot.set(submission.fieldsRoot, openings);
  }
  return openings;
}
const openingsByRoot = new Map<Hash, FieldOpening[]>();
