/**
 * Root of every error the SDK throws, in the manner of viem's BaseError: a one-line
 * `shortMessage` for people, `details` for logs, and the original `cause`.
 *
 * @example
 * try { await registerEntity(client, params) } catch (e) {
 *   if (e instanceof EntityAlreadyRegisteredError) console.log(e.shortMessage)
 * }
 */
export class IdentreeError extends Error {
  override name = 'IdentreeError';
  readonly shortMessage: string;
  readonly details?: string;

  constructor(shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** A parameter was rejected before anything was sent to the chain. */
export class InvalidParameterError extends IdentreeError {
  override name = 'InvalidParameterError';
  constructor(readonly parameter: string, reason: string) {
    super(`Invalid parameter "${parameter}": ${reason}`);
  }
}
