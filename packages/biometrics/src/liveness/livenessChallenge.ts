import { encodeAbiParameters, keccak256, type Hash, type Hex } from 'viem';

export type LivenessStep = 'turn-left' | 'turn-right' | 'blink';
export const LIVENESS_STEPS: readonly LivenessStep[] = ['turn-left', 'turn-right', 'blink'];
export type LivenessChallenge = { id: Hex; steps: LivenessStep[]; issuedAt: number; expiresAt: number };

/** What the login binds: the challenge's id and steps. */
export const livenessChallengeHash = (c: LivenessChallenge): Hash =>
  keccak256(encodeAbiParameters([{ type: 'bytes' }, { type: 'string' }, { type: 'uint64' }], [c.id, c.steps.join(','), BigInt(c.expiresAt)]));
