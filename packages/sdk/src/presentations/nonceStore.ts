import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import type { Hex } from 'viem';

/**
 * Where a verifier keeps the nonces it issued. `consume` must be atomic: of two concurrent calls
 * with the same nonce, exactly one returns true. The identity service plugs PostgreSQL in here.
 */
export interface NonceStore {
  /** Issues a fresh single-use nonce for `audience`, valid for `ttlSeconds`. */
  issue(audience: string, ttlSeconds: number): Promise<Hex>;
  /** True once for a nonce this store issued to `audience` and that has not expired; false after. */
  consume(audience: string, nonce: Hex): Promise<boolean>;
}

/** Every NonceStore refuses a lifetime that is not a positive number of seconds. */
export function assertNonceLifetime(ttlSeconds: number): void {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`nonce lifetime must be positive, got ${ttlSeconds}`);
}

/**
 * A NonceStore in process memory, for a single verifier process and for tests.
 *
 * @example
 * const nonces = new MemoryNonceStore()
 * const nonce = await nonces.issue('bank.example', 300)
 */
export class MemoryNonceStore implements NonceStore {
  readonly #pending = new Map<string, number>();
  readonly #now: () => number;
  /** Expired nonces are swept once the map has doubled since the last sweep: O(1) amortized per issue. */
  #sweepAt = 1024;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? (() => Date.now());
  }

  async issue(audience: string, ttlSeconds: number): Promise<Hex> {
    assertNonceLifetime(ttlSeconds);
    if (this.#pending.size >= this.#sweepAt) this.#sweep();
    const nonce = `0x${bytesToHex(randomBytes(32))}` as Hex;
    this.#pending.set(`${audience}\n${nonce.toLowerCase()}`, this.#now() + ttlSeconds * 1000);
    return nonce;
  }

  async consume(audience: string, nonce: Hex): Promise<boolean> {
    const key = `${audience}\n${nonce.toLowerCase()}`;
    const expiry = this.#pending.get(key);
    // Delete before answering: the map operation is synchronous, so a second consume sees nothing.
    this.#pending.delete(key);
    return expiry !== undefined && expiry > this.#now();
  }

  #sweep() {
    const now = this.#now();
    for (const [key, expiry] of this.#pending) if (expiry <= now) this.#pending.delete(key);
    this.#sweepAt = Math.max(1024, 2 * this.#pending.size);
  }

  /** Nonces held, spent ones excluded; expired ones may linger until the next sweep. */
  get size(): number {
    return this.#pending.size;
  }
}
