import { encodeAbiParameters, keccak256, type Hash, type Hex } from 'viem';

export type LivenessStep = 'turn-left' | 'turn-right' | 'blink';
export const LIVENESS_STEPS: readonly LivenessStep[] = ['turn-left', 'turn-right', 'blink'];
/**
 * The minima of the anti-spoof gate: the median over the frames of human's `antispoof` ("real") and `liveness`
 * ("live") scores must reach these.
 */
export type SpoofGate = { minReal: number; minLive: number };
export type LivenessChallenge = {
  id: Hex; steps: LivenessStep[]; issuedAt: number; expiresAt: number;
  /** The service's anti-spoof policy (FACE_ANTISPOOF): present, the device must pass the gate at these minima. */
  spoofGate?: SpoofGate;
};

/**
 * What the login binds: the challenge's id, steps and expiry, and its anti-spoof policy when it carries one,
 * so a device that drops the policy signs another hash than the one the service issued. Without a policy the
 * hash is the one earlier versions computed.
 */
export const livenessChallengeHash = (c: LivenessChallenge): Hash =>
  keccak256(c.spoofGate
    ? encodeAbiParameters([{ type: 'bytes' }, { type: 'string' }, { type: 'uint64' }, { type: 'string' }], [c.id, c.steps.join(','), BigInt(c.expiresAt), spoofGatePolicy(c.spoofGate)])
    : encodeAbiParameters([{ type: 'bytes' }, { type: 'string' }, { type: 'uint64' }], [c.id, c.steps.join(','), BigInt(c.expiresAt)]));

/** The policy as the hash reads it (`real=0.5,live=0.5`): JavaScript's shortest decimal of each number, the same on every device. */
export const spoofGatePolicy = (gate: SpoofGate) => `real=${gate.minReal},live=${gate.minLive}`;
