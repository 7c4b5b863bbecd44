import { randomBytes, randomInt } from 'node:crypto';
import { bytesToHex } from 'viem';
import { LIVENESS_STEPS, type LivenessChallenge, type LivenessStep } from './livenessChallenge.js';

// The types and the hash are browser-safe and live apart; this file needs node:crypto.
export { LIVENESS_STEPS, livenessChallengeHash, type LivenessChallenge, type LivenessStep } from './livenessChallenge.js';

/**
 * A fresh liveness challenge: `length` random steps, no step twice in a row, valid for `ttlMs`. With
 * three steps a recording of one earlier challenge performs this one with probability 1/12.
 *
 * @example
 * const challenge = createLivenessChallenge() // { steps: ['blink', 'turn-left', 'blink'], ... }
 */
export function createLivenessChallenge({ length = 3, ttlMs = 30_000, now = Date.now() } = {}): LivenessChallenge {
  const steps: LivenessStep[] = [];
  while (steps.length < length) {
    const options = LIVENESS_STEPS.filter((s) => s !== steps.at(-1));
    steps.push(options[randomInt(options.length)]);
  }
  return { id: bytesToHex(randomBytes(16)), steps, issuedAt: now, expiresAt: now + ttlMs };
}
