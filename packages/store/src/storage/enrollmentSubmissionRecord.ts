import { isDeepStrictEqual } from 'node:util';
import type { Hash } from 'viem';
import { StorageError } from './errors.js';
import type { EnrollmentSubmissionRecord } from './enrollmentSubmissionTypes.js';

/** `update` of an enrollment that was never put. */
export class SubmissionNotFoundError extends StorageError {
  override name = 'SubmissionNotFoundError';
  constructor(readonly enrollment: Hash) {
    super(`No submission is stored for enrollment ${enrollment}.`);
  }
}

/** An `update` whose change rewrote the document itself (its commitment or fields), which is fixed at `put`. */
export class SubmissionDocumentChangedError extends StorageError {
  override name = 'SubmissionDocumentChangedError';
  constructor(readonly enrollment: Hash) {
    super(`An update of enrollment ${enrollment} changed the document; only its answers (pending, batches, corrections) may change.`);
  }
}

/** The document part of a submission: what `put` wrote and `update` leaves alone. */
const documentOf = (s: EnrollmentSubmissionRecord) => ({
  enrollee: s.enrollee.toLowerCase(),
  templateId: s.templateId,
  imageHash: s.imageHash.toLowerCase(),
  fieldsRoot: s.fieldsRoot.toLowerCase(),
  enrollment: s.enrollment.toLowerCase(),
  fields: s.fields.map((f) => ({ ...f, crop: [...f.crop] })),
});

/** Runs the caller's change on a copy, so it cannot reach what the adapter holds, and refuses one that rewrote the document. */
export function changedSubmission(
  current: EnrollmentSubmissionRecord,
  change: (s: EnrollmentSubmissionRecord) => EnrollmentSubmissionRecord,
): EnrollmentSubmissionRecord {
  const next = change(structuredClone(current));
  if (!isDeepStrictEqual(documentOf(current), documentOf(next))) throw new SubmissionDocumentChangedError(current.enrollment);
  return structuredClone(next);
}

/** Bytes as a plain `Uint8Array`, whatever the driver handed back (a Buffer, a BSON Binary's view). */
export const plainBytes = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);
