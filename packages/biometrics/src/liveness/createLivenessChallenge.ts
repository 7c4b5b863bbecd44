import { randomBytes, randomInt } from 'node:crypto';
import { bytesToHex, encodeAbiParameters, keccak256, type Hash, type Hex } from 'viem';

export type LivenessStep = 'turn-left' | 'turn-right' | 'blink';
export const LIVENESS_STEPS: readonly LivenessStep[] = ['turn-left', 'turn-right', 'blink'];

export type LivenessChallenge = { id: Hex; steps: LivenessStep[]; issuedAt: number; expiresAt: number };

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

/** What the login binds: the challenge's id and steps. */
export const livenessChallengeHash = (c: LivenessChallenge): Hash =>
  keccak256(encodeAbiParameters([{ type: 'bytes' }, { type: 'string' }, { type: 'uint64' }], [c.id, c.steps.join(','), BigInt(c.expiresAt)]));
