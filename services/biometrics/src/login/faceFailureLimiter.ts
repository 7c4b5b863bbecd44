import { getAddress, type Address } from 'viem';
import { FaceRequestError } from '../errors.js';

/** Failed face checks counted per identity, whichever IP they come from. */
export type FaceFailureLimiter = {
  /** Throws 429 too_many_face_failures (with the seconds to wait) while the identity is locked. */
  check(identity: Address): Promise<void>;
  fail(identity: Address): Promise<void>;
  succeed(identity: Address): Promise<void>;
};

/**
 * The embedded limiter: after `maxFailures` failures within `windowMs`, the identity is refused until the
 * window of its first failure has passed. Only failures the holder's own key signed (or a granted kiosk
 * check) count, so nobody can lock another person out by posting bad attempts in their name.
 */
export function memoryFaceFailureLimiter({ maxFailures = 5, windowMs = 15 * 60_000, now = () => Date.now() } = {}): FaceFailureLimiter {
  const failures = new Map<Address, number[]>();
  const recent = (identity: Address) => (failures.get(identity) ?? []).filter((t) => t > now() - windowMs);
  return {
    async check(identity) {
      const times = recent(getAddress(identity));
      if (times.length >= maxFailures) {
        const retryAfterSeconds = Math.max(1, Math.ceil((times[0]! + windowMs - now()) / 1000));
        throw new FaceRequestError('too_many_face_failures', `too many failed face checks for ${getAddress(identity)}: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
      }
    },
    async fail(identity) {
      const id = getAddress(identity);
      failures.set(id, [...recent(id), now()]);
    },
    async succeed(identity) {
      failures.delete(getAddress(identity));
    },
  };
}
