import { randomBytes } from 'node:crypto';

/** A nonce handed out by `POST /auth/nonce`, to be placed in the Sign-In with Ethereum message. */
export type IssuedLoginNonce = {
  /** 128 random bits, hex: alphanumeric and at least 8 characters, as EIP-4361 requires. */
  nonce: string;
  expiresAt: Date;
};

/**
 * Where outstanding login nonces live between `POST /auth/nonce` and `POST /auth/login`.
 * The in-memory adapter serves one process; a database adapter serves several instances with
 * the same contract, checked by the shared suite in `loginNonceStore.behavior.ts`.
 *
 * @example
 * const { nonce } = await nonces.issue(5 * 60_000)
 * await nonces.consume(nonce) // true
 * await nonces.consume(nonce) // false: single use
 */
export interface LoginNonceStore {
  /** Issues a fresh nonce that `consume` accepts once within `ttlMs` milliseconds. */
  issue(ttlMs: number): Promise<IssuedLoginNonce>;
  /**
   * Resolves `true` for exactly one call per issued, unexpired nonce and `false` for every other
   * call, concurrent ones included: check and removal are one atomic step (in SQL, a
   * `DELETE … WHERE nonce = $1 AND expires_at > now() RETURNING 1`).
   */
  consume(nonce: string): Promise<boolean>;
}

/**
 * A login nonce from the operating system's CSPRNG. viem's `generateSiweNonce` is not used: it
 * draws from `Math.random`, which is predictable.
 *
 * @example
 * generateLoginNonce() // '9f0c…' (32 hex characters)
 */
export function generateLoginNonce(): string {
  return randomBytes(16).toString('hex');
}
