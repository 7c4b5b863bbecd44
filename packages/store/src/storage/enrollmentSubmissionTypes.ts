import type { Address, Hash } from 'viem';
import type { FieldConfirmation } from '@identree/sdk';

/** One field of a submitted document: its crop and text stay off chain, beside the hashes committed on chain. */
export type EnrollmentFieldRecord = {
  name: string;
  /** The binarised crop, PNG bytes. */
  crop: Uint8Array;
  text: string;
  fieldHash: Hash;
  textHash: Hash;
};

/** What a verifier's correction commits to: its text and salt, kept here and never sent on chain. */
export type CorrectionOpening = { field: number; slot: number; text: string; salt: Hash };

/** A submitted document awaiting (or past) its verifiers: the enrollment service's `Submission`. */
export type EnrollmentSubmissionRecord = {
  enrollee: Address;
  templateId: string;
  imageHash: Hash;
  fieldsRoot: Hash;
  enrollment: Hash;
  fields: EnrollmentFieldRecord[];
  /** Answers received and not yet recorded on chain. */
  pending: FieldConfirmation[];
  /** Batches recorded on chain, in order, as sent. */
  batches: FieldConfirmation[][];
  corrections: CorrectionOpening[];
};

/**
 * The enrollment service's submission store over the database, so pending enrollments outlive a
 * restart and every API process sees the same ones. The shape of `SubmissionStore` in
 * `@identree/enrollment`, which the API passes this to.
 */
export type EnrollmentSubmissionsRepository = {
  /** Writes the submission whole (its fields with it) or not at all; a second put of one enrollment replaces it. */
  put(submission: EnrollmentSubmissionRecord): Promise<void>;
  get(enrollment: Hash): Promise<EnrollmentSubmissionRecord | undefined>;
  /**
   * Applies `change` to the stored submission and keeps its answers (pending, batches, corrections):
   * concurrent updates of one enrollment run one after the other, so none is lost. The document itself
   * (its commitment and fields) is fixed at `put`; a change that alters it is refused.
   */
  update(enrollment: Hash, change: (s: EnrollmentSubmissionRecord) => EnrollmentSubmissionRecord): Promise<EnrollmentSubmissionRecord>;
};
