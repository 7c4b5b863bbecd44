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
