/** The one error base of the biometrics service: a short message for people, details for logs, and the cause. */
export class FaceServiceError extends Error {
  override name = 'FaceServiceError';
  readonly shortMessage: string;
  constructor(shortMessage: string, options: { cause?: unknown } = {}) {
    super(shortMessage, { cause: options.cause });
    this.shortMessage = shortMessage;
  }
}

/**
 * The service's one error table: each code and the HTTP status it answers with. A route answers
 * `{ error: code, message: shortMessage }`. No code ever carries a similarity score.
 */
export const faceServiceErrors = {
  envelope_invalid: 400,
  template_mismatch: 400,
  not_an_image: 400,
  no_face: 400,
  several_faces: 400,
  face_too_small: 400,
  recipient_not_guardian: 400,
  holder_mismatch: 403,
  not_a_guardian: 403,
  template_not_found: 404,
  template_exists: 409,
  key_exists: 409,
  template_not_current: 409,
  chain_refused: 409,
  challenge_unknown: 401,
  key_proof_invalid: 401,
  face_not_matched: 401,
  spoof_suspected: 401,
  kiosk_not_granted: 403,
  too_many_face_failures: 429,
} as const;
export type FaceServiceErrorCode = keyof typeof faceServiceErrors;

/** An error with a code from `faceServiceErrors`. */
export class FaceRequestError extends FaceServiceError {
  override name = 'FaceRequestError';
  readonly statusCode: number;
  constructor(readonly code: FaceServiceErrorCode, shortMessage: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(shortMessage, options);
    this.statusCode = faceServiceErrors[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
  readonly retryAfterSeconds?: number;
}
