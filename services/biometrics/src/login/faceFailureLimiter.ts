import { getAddress, type Address } from 'viem';
import { FaceRequestError } from '../errors.js';

/** Failed face checks counted per identity, whichever IP they come from. */
export type FaceFailureLimiter = {
  /** Throws 429 too_many_face_failures (with the seconds to wait) while the identity is locked. */
  check(identity: Address): Promise<void>;
  fail(identity: Address): Promise<void>;
  succeed(identity: Address): Promise<void>;
};

/** Where failures are kept: the store's `loginFailures` (one row per failure, so concurrent ones all count). */
export type FaceFailureStore = {
  record(subject: string, parameters: { at: Date; since: Date }): Promise<{ count: number; oldest: Date | null }>;
  count(subject: string, parameters: { since: Date }): Promise<{ count: number; oldest: Date | null }>;
  clear(subject: string): Promise<void>;
};
export type FaceFailureLimiterParameters = { maxFailures?: number; windowMs?: number; now?: () => number };

const tooMany = (identity: Address, oldest: number, windowMs: number, now: number) => {
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
  return new FaceRequestError('too_many_face_failures', `too many failed face checks for ${identity}: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
};

/**
 * The service's limiter: after `maxFailures` failures within `windowMs`, the identity is refused until the
 * window of its oldest counted failure has passed. The failures live in the service's database, so a
 * restart does not forget them and every API process counts the same ones. Only failures the holder's own
 * key signed (or a granted kiosk check) count, so nobody can lock another person out by posting bad
 * attempts in their name.
 *
 * @example
 * const limiter = storedFaceFailureLimiter(storage.loginFailures)
 */
export function storedFaceFailureLimiter(store: FaceFailureStore, { maxFailures = 5, windowMs = 15 * 60_000, now = () => Date.now() }: FaceFailureLimiterParameters = {}): FaceFailureLimiter {
  const subject = (identity: Address) => `face:${getAddress(identity).toLowerCase()}`;
  // A failure counts for windowMs and not one millisecond more: the store counts from `since` inclusive.
  const since = (at: number) => new Date(at - windowMs + 1);
  return {
    async check(identity) {
      const at = now();
      const { count, oldest } = await store.count(subject(identity), { since: since(at) });
      if (count >= maxFailures) throw tooMany(getAddress(identity), oldest?.getTime() ?? at, windowMs, at);
    },
    async fail(identity) {
      const at = now();
      await store.record(subject(identity), { at: new Date(at), since: since(at) });
    },
    succeed: (identity) => store.clear(subject(identity)),
  };
}

/**
 * A limiter for one process's tests and tools: the same rule as `storedFaceFailureLimiter`, in memory, so
 * a restart forgets it and other processes never see it. The service uses the stored one.
 */
export function memoryFaceFailureLimiter({ maxFailures = 5, windowMs = 15 * 60_000, now = () => Date.now() }: FaceFailureLimiterParameters = {}): FaceFailureLimiter {
  const failures = new Map<string, number[]>();
  const store: FaceFailureStore = {
    async record(subject, { at, since }) {
      failures.set(subject, [...(failures.get(subject) ?? []).filter((t) => t >= since.getTime()), at.getTime()]);
      return store.count(subject, { since });
    },
    async count(subject, { since }) {
      const times = (failures.get(subject) ?? []).filter((t) => t >= since.getTime());
      return { count: times.length, oldest: times.length ? new Date(Math.min(...times)) : null };
    },
    async clear(subject) {
      failures.delete(subject);
    },
  };
  return storedFaceFailureLimiter(store, { maxFailures, windowMs, now });
}
