import { ServiceError } from '../errors.js';

/**
 * The one answer to every failed login, whatever failed: a client, or an attacker, learns nothing
 * about which check refused it nor whether the account exists.
 */
export const loginFailed = () => new ServiceError('login_failed', 'login failed');

export const tooManyRequests = (retryAfterSeconds: number) =>
  new ServiceError('rate_limited', `too many requests, retry in ${retryAfterSeconds} s`);
