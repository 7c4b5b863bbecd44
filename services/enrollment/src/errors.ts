/** The one error base of the enrollment service: a short message for people, details for logs, and the cause. */
export class EnrollmentError extends Error {
  override name = 'EnrollmentError';
  readonly shortMessage: string;
  readonly details?: string;

  constructor(shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** Too few eligible verifiers to give every field its verifiers without someone seeing more than k fields. */
export class NotEnoughVerifiersError extends EnrollmentError {
  override name = 'NotEnoughVerifiersError';
  constructor(readonly fields: number, readonly perField: number, readonly verifiers: number, readonly maxFieldsPerVerifier: number) {
    super(`Not enough verifiers: ${fields} fields x ${perField} verifiers need more than ${verifiers} verifiers with at most ${maxFieldsPerVerifier} fields each`);
  }
}

/** Assignment parameters that cannot work (fewer than one verifier per field, k below 1, a malformed seed). */
export class AssignmentParametersError extends EnrollmentError {
  override name = 'AssignmentParametersError';
  constructor(reason: string) {
    super(`Invalid assignment parameters: ${reason}`);
  }
}

/**
 * The service's one error table: each code, the HTTP status it answers with, and the class that
 * carries it. A route answers `{ error: code, message: shortMessage }`.
 */
export const enrollmentErrors = {
  not_an_image: 400,
  document_not_found: 400,
  unknown_template: 400,
  image_too_large: 413,
  submission_not_found: 404,
  not_enrolled: 409,
  already_answered: 409,
  verifier_not_assigned: 403,
  confirmation_invalid: 400,
  correction_invalid: 400,
  enrollment_busy: 503,
} as const;
export type EnrollmentErrorCode = keyof typeof enrollmentErrors;

/** An error with a code from `enrollmentErrors`. */
export class EnrollmentRequestError extends EnrollmentError {
  override name = 'EnrollmentRequestError';
  readonly statusCode: number;
  /** For `enrollment_busy`: when to try again, the route's Retry-After. */
  readonly retryAfterSeconds?: number;
  constructor(readonly code: EnrollmentErrorCode, shortMessage: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(shortMessage, { cause: options.cause });
    this.statusCode = enrollmentErrors[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
