import { IdentreeError } from '../errors/base.js';

/**
 * A string is not a well-formed `did:identree:<chainId>:<address>` DID.
 *
 * @example
 * try { parseIdentreeDid(input) } catch (e) {
 *   if (e instanceof InvalidDidError) console.log(e.reason)
 * }
 */
export class InvalidDidError extends IdentreeError {
  override name = 'InvalidDidError';
  constructor(
    readonly did: string,
    readonly reason: string,
  ) {
    super(`Invalid DID "${did}": ${reason}`);
  }
}
