import { randomBytes, randomInt } from 'node:crypto';
import { bytesToHex } from 'viem';
import { LIVENESS_STEPS, type LivenessChallenge, type LivenessStep, type SpoofGate } from './livenessChallenge.js';

// The types and the hash are browser-safe and live apart; this file needs node:crypto.
export { LIVENESS_STEPS, livenessChallengeHash, spoofGatePolicy, type LivenessChallenge, type LivenessStep } from './livenessChallenge.js';

/**
 * A fresh liveness challenge: `length` random steps, no step twice in a row, valid for `ttlMs`. With
 * three steps a recording of one earlier challenge performs this one with probability 1/12. With `spoofGate` the
 * challenge carries the anti-spoof policy, which its hash then covers.
 *
 * @example
 * const challenge = createLivenessChallenge() // { steps: ['blink', 'turn-left', 'blink'], ... }
 */
export function createLivenessChallenge({ length = 3, ttlMs = 30_000, now = Date.now(), spoofGate }: { length?: number; ttlMs?: number; now?: number; spoofGate?: SpoofGate } = {}): LivenessChallenge {
  const steps: LivenessStep[] = [];
  while (steps.length < length) {
    const options = LIVENESS_STEPS.filter((s) => s !== steps.at(-1));
    steps.push(options[randomInt(options.length)]);
  }
  return { id: bytesToHex(randomBytes(16)), steps, issuedAt: now, expiresAt: now + ttlMs, ...(spoofGate ? { spoofGate: { ...spoofGate } } : {}) };
}
