// The public entry point of @identree/enrollment.
export { EnrollmentError, NotEnoughVerifiersError, AssignmentParametersError } from '../errors.js';
export { assignVerifiers, fieldsOfVerifier, type AssignVerifiersParameters, type AssignVerifiersReturnType } from '../assignment/assignVerifiers.js';
export { assignmentStream } from '../assignment/assignmentStream.js';
