import type { Address, Hash } from 'viem';
import { DocumentNotFoundError, ImageTooLargeError, NotAnImageError, UnknownTemplateError, type ReadDocumentReturnType } from '@identree/documents';
import { commitDocumentFields, enrollmentId, type FieldOpening } from '@identree/sdk';
import { EnrollmentRequestError } from '../errors.js';
import type { SubmissionStore } from './submissionStore.js';

/** Reads a photo into fields (the documents package's `readDocument` with a recogniser bound). */
export type DocumentReader = (image: Uint8Array, templateId: string) => Promise<ReadDocumentReturnType>;

/** 8 MiB: a phone photo as JPEG is 2 to 5 MiB. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

export type SubmitDocumentParameters = {
  enrollee: Address;
  image: Uint8Array;
  templateId: string;
  read: DocumentReader;
  store: SubmissionStore;
  maxBytes?: number;
};
export type SubmitDocumentReturnType = {
  enrollment: Hash;
  imageHash: Hash;
  fieldsRoot: Hash;
  fieldCount: number;
  /** What OCR read, with the salts: the enrollee's to keep, and to correct before enrolling if wrong. */
  fields: { name: string; value: string; problems: string[]; textSalt: Hash; cropSalt: Hash }[];
  openings: FieldOpening[];
};

/**
 * The enrollee's upload: the photo is read field by field and committed, and the submission is
 * stored whole once everything succeeded, so a bad upload leaves nothing behind. The enrollee then
 * records `{ imageHash, fieldsRoot, fieldCount }` on chain with `enrollDocument`.
 *
 * @example
 * const s = await submitDocument({ enrollee, image, templateId: 'bdims-residence-card', read, store })
 */
export async function submitDocument(p: SubmitDocumentParameters): Promise<SubmitDocumentReturnType> {
  const maxBytes = p.maxBytes ?? MAX_DOCUMENT_BYTES;
  if (p.image.length === 0) throw new EnrollmentRequestError('not_an_image', 'The upload is empty.');
  if (p.image.length > maxBytes) {
    throw new EnrollmentRequestError('image_too_large', `The upload is ${p.image.length} bytes; the most is ${maxBytes}.`);
  }
  let read: ReadDocumentReturnType;
  try {
    read = await p.read(p.image, p.templateId);
  } catch (error) {
    throw asRequestError(error);
  }
  const { fieldsRoot, openings } = commitDocumentFields({
    fields: read.fields.map((f) => ({ fieldHash: f.imageCommitment.commitment, textHash: f.textCommitment.commitment })),
  });
  const enrollment = enrollmentId({ enrollee: p.enrollee, imageHash: read.imageHash, fieldsRoot });
  await p.store.put({
    enrollee: p.enrollee,
    templateId: p.templateId,
    imageHash: read.imageHash,
    fieldsRoot,
    enrollment,
    fields: read.fields.map((f) => ({
      name: f.name,
      crop: new Uint8Array(f.image),
      text: f.value,
      fieldHash: f.imageCommitment.commitment,
      textHash: f.textCommitment.commitment,
    })),
    pending: [],
    batches: [],
    corrections: [],
  });
  return {
    enrollment,
    imageHash: read.imageHash,
    fieldsRoot,
    fieldCount: read.fields.length,
    fields: read.fields.map((f) => ({ name: f.name, value: f.value, problems: f.problems, textSalt: f.textCommitment.salt, cropSalt: f.imageCommitment.salt })),
    openings,
  };
}

function asRequestError(error: unknown): unknown {
  if (error instanceof ImageTooLargeError) return new EnrollmentRequestError('image_too_large', error.shortMessage, { cause: error });
  if (error instanceof NotAnImageError) return new EnrollmentRequestError('not_an_image', error.shortMessage, { cause: error });
  if (error instanceof DocumentNotFoundError) return new EnrollmentRequestError('document_not_found', error.shortMessage, { cause: error });
  if (error instanceof UnknownTemplateError) return new EnrollmentRequestError('unknown_template', error.shortMessage, { cause: error });
  return error;
}
