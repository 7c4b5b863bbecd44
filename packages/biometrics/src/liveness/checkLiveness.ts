import { LivenessChallengeFailedError } from '../errors.js';
import { decodeImage } from '../pipeline/decodeImage.js';
import type { FaceEngine, FaceObservation } from '../pipeline/types.js';
import { checkObservedLiveness, type CheckObservedLivenessReturnType, type SpoofGate } from './checkObservedLiveness.js';
import type { LivenessChallenge } from './livenessChallenge.js';

export { framesToSteps, DEFAULT_SPOOF_GATE, samePersonFloor, type SpoofGate } from './checkObservedLiveness.js';

export type CheckLivenessParameters = {
  engine: FaceEngine; challenge: LivenessChallenge; frames: Uint8Array[]; now?: number;
  /** The anti-spoof gate (`checkObservedLiveness`): needs an engine made with `spoofGate: true`. @default false */
  spoofGate?: SpoofGate | boolean;
};
export type CheckLivenessReturnType = CheckObservedLivenessReturnType;

/**
 * Checks that a frame sequence performs the challenge's steps, exactly and in order, by one person,
 * before it expires. What it proves: someone produced these movements after the challenge was issued,
 * or owned a recording that happens to show them. It does not prove the face is not a mask or a
 * real-time puppet (see the README's liveness section for what was measured).
 *
 * @example
 * const { livenessHash } = await checkLiveness({ engine, challenge, frames })
 */
export async function checkLiveness({ engine, challenge, frames, now = Date.now(), spoofGate = false }: CheckLivenessParameters): Promise<CheckLivenessReturnType> {
  // the cheap refusals first, before any frame is decoded
  if (now > challenge.expiresAt) throw new LivenessChallengeFailedError('the challenge expired');
  if (frames.length < challenge.steps.length * 2 + 1) throw new LivenessChallengeFailedError(`${frames.length} frames cannot show ${challenge.steps.length} steps`);
  const observations: FaceObservation[][] = [];
  for (const frame of frames) observations.push(await engine.observe(await decodeImage(frame)));
  return checkObservedLiveness({ challenge, observations, now, model: engine.model, spoofGate });
}
