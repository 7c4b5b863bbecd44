// The public entry point of @identree/enrollment.
export {
  EnrollmentError, NotEnoughVerifiersError, AssignmentParametersError, EnrollmentRequestError, enrollmentErrors, type EnrollmentErrorCode,
} from '../errors.js';
export { assignVerifiers, fieldsOfVerifier, type AssignVerifiersParameters, type AssignVerifiersReturnType } from '../assignment/assignVerifiers.js';
export { assignmentStream } from '../assignment/assignmentStream.js';
export { memorySubmissionStore, type Submission, type SubmissionStore, type StoredField, type CorrectionOpening } from '../submissions/submissionStore.js';
export { submitDocument, MAX_DOCUMENT_BYTES, type DocumentReader, type SubmitDocumentParameters, type SubmitDocumentReturnType } from '../submissions/submitDocument.js';
export { tesseractDocumentReader, type TesseractDocumentReaderReturnType } from '../submissions/tesseractDocumentReader.js';
export { queueDocumentReads, type DocumentReadQueue, type QueueDocumentReadsParameters } from '../submissions/documentReadQueue.js';
export { attestSubmission } from '../submissions/attestSubmission.js';
export { enrollmentProof, type EnrollmentProof } from '../submissions/enrollmentProof.js';
export { verifierTasks, type VerifierTask } from '../tasks/verifierTasks.js';
export { acceptConfirmation } from '../tasks/acceptConfirmation.js';
export { sdkEnrollmentChain, type EnrollmentChain } from '../chain/enrollmentChain.js';
