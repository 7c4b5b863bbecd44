import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as enrollment from './index.js';

it('exports exactly the documented public surface', () => {
  assert.deepEqual(Object.keys(enrollment).sort(), [
    'AssignmentParametersError', 'EnrollmentError', 'EnrollmentRequestError', 'MAX_DOCUMENT_BYTES', 'NotEnoughVerifiersError',
    'acceptConfirmation', 'assignVerifiers', 'assignmentStream', 'attestSubmission', 'enrollmentErrors', 'enrollmentProof',
    'fieldsOfVerifier', 'memorySubmissionStore', 'queueDocumentReads', 'sdkEnrollmentChain', 'submitDocument', 'tesseractDocumentReader', 'verifierTasks',
  ]);
});
