import { generateLoginNonce, type IssuedLoginNonce, type LoginNonceStore } from './loginNonceStore.js';

export type MemoryLoginNonceStoreOptions = {
  /**
   * Outstanding nonces kept at most; past it the oldest are dropped, so a flood of nonce requests
   * bounds memory instead of exhausting it (the nonce route is rate-limited per IP too).
   * @default 100_000
   */
  maxOutstanding?: number;
  /** Clock in epoch milliseconds, for tests. */
  now?: () => number;
};

/**
 * A {@link LoginNonceStore} in process memory: for the embedded default and for tests. Nonces do
 * not survive a restart, which only means a login in flight asks for a new one.
 *
 * @example
 * const nonces = createMemoryLoginNonceStore()
 * await app.register(authPlugin, { ...options, nonces })
 */
export function createMemoryLoginNonceStore(options: MemoryLoginNonceStoreOptions = {}): LoginNonceStore {
  const maxOutstanding = options.maxOutstanding ?? 100_000;
  const now = options.now ?? Date.now;
  // Insertion order is issue order, so the first entries are the oldest.
  const outstanding = new Map<string, number>();

  const dropExpiredOldest = (at: number) => {
    for (const [nonce, expiresAt] of outstanding) {
      if (expiresAt > at) break;
      outstanding.delete(nonce);
    }
  };

  return {
    async issue(ttlMs) {
      if (!(Number.isFinite(ttlMs) && ttlMs > 0)) throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
      const at = now();
      dropExpiredOldest(at);
      while (outstanding.size >= maxOutstanding) outstanding.delete(outstanding.keys().next().value!);
      const issued: IssuedLoginNonce = { nonce: generateLoginNonce(), expiresAt: new Date(at + ttlMs) };
      outstanding.set(issued.nonce, issued.expiresAt.getTime());
      return issued;
    },
    async consume(nonce) {
      // No await between the read and the delete: one call wins, whatever the interleaving.
      const expiresAt = outstanding.get(nonce);
      if (expiresAt === undefined) return false;
      outstanding.delete(nonce);
      return expiresAt > now();
    },
  };
}
