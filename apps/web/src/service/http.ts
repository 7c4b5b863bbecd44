/** An answer of the service that is not a success, with the message it gave, in words a user can act on. */
export class ServiceAnswerError extends Error {
  override name = 'ServiceAnswerError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
