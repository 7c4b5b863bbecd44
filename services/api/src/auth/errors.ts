import { ServiceError } from '../errors.js';
import type { LoginFailureReason, SiweLoginPolicy } from './verifySiweLogin.js';

/**
 * What a failed login says: the field of the message that was wrong and what it must be, so a
 * client can fix its message. Nothing here depends on the account (no check reads whether it is
 * registered), so the answer reveals nothing about who exists; the nonce is spent either way.
 */
export function loginFailed(reason: LoginFailureReason, policy: SiweLoginPolicy): ServiceError {
  const minutes = Math.round(policy.maxMessageAgeMs / 60_000);
  const why: Record<LoginFailureReason, string> = {
    malformed_message: 'message is not an EIP-4361 message with an EIP-55 address, domain, URI, version, chain id, nonce and issued-at',
    wrong_purpose: 'resources carry urn:identree:face-…, so the message was signed for face login, not for a key login: a face template request goes to POST /auth/face/challenge, a face match to POST /auth/face/login',
    wrong_domain: `domain must be ${policy.domain}`,
    wrong_scheme: `scheme must be ${new URL(policy.uri).protocol.slice(0, -1)}`,
    wrong_uri: `uri must be ${policy.uri.replace(/\/$/, '')} (with or without a trailing slash)`,
    wrong_chain: `chainId must be ${policy.chainId}`,
    issued_in_future: 'issuedAt is in the future; check the clock',
    stale_message: `issuedAt is more than ${minutes} minutes ago`,
    expiry_too_long: `expirationTime is more than ${minutes} minutes after issuedAt`,
    invalid_message: 'expirationTime has passed, notBefore is not reached, or version is not 1',
    unknown_nonce: 'nonce is unknown, used or expired; ask POST /auth/nonce for another',
    bad_signature: 'signature is not the address\'s signature of this message',
    verification_error: 'signature could not be checked now (a contract account\'s check did not answer); try again',
  };
  return new ServiceError('login_failed', `login failed: ${why[reason]}`);
}

export const tooManyRequests = (retryAfterSeconds: number) =>
  new ServiceError('rate_limited', `too many requests, retry in ${retryAfterSeconds} s`);
