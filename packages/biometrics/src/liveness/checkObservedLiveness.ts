import type { Hash } from 'viem';
import { LivenessChallengeFailedError } from '../errors.js';
import { cosineSimilarity } from '../login/cosineSimilarity.js';
import type { FaceObservation } from '../pipeline/types.js';
import { livenessChallengeHash, type LivenessChallenge, type LivenessStep } from './livenessChallenge.js';

/** Head turned: |yaw| over 0.35 rad (20°); facing the camera: under 0.15 rad. */
const TURNED = 0.35;
const FACING = 0.15;
/** Eyes closed: both eyelid gaps under 60 % of the facing frames' median. */
const CLOSED = 0.6;
/** Every frame must be the first frame's person; faceres similarity drops with pose, hence a low floor. */
const SAME_PERSON = 0.35;

export type CheckObservedLivenessParameters = { challenge: LivenessChallenge; observations: FaceObservation[][]; now?: number };
export type CheckObservedLivenessReturnType = { livenessHash: Hash; observed: LivenessStep[] };

type State = LivenessStep | 'facing' | 'between';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The step each frame shows, from head pose and eye openness. */
export function framesToSteps(faces: FaceObservation[]): LivenessStep[] {
  const facing = faces.filter((f) => Math.abs(f.yaw) < FACING);
  const open = median(facing.map((f) => Math.min(f.eyeOpenness.left, f.eyeOpenness.right)));
  const states: State[] = faces.map((f) => {
    if (f.yaw >= TURNED) return 'turn-left';
    if (f.yaw <= -TURNED) return 'turn-right';
    if (Math.abs(f.yaw) < FACING && open > 0 && Math.max(f.eyeOpenness.left, f.eyeOpenness.right) < CLOSED * open) return 'blink';
    return Math.abs(f.yaw) < FACING ? 'facing' : 'between';
  });
  // a step counts once however many frames it lasts, and must return to facing before the next
  const steps: LivenessStep[] = [];
  let last: State = 'facing';
  for (const s of states) {
    if (s === 'between') continue;
    if (s !== 'facing' && last === 'facing') steps.push(s);
    last = s;
  }
  return steps;
}

/**
 * The liveness decision over faces already observed, one list per frame: exactly one face in each, the
 * same person throughout, performing the challenge's steps exactly and in order, before it expires.
 * Where the frames come from (a decoder on the service, a camera in the browser) is the caller's part,
 * so both run this one decision.
 *
 * @example
 * const { livenessHash } = checkObservedLiveness({ challenge, observations: await Promise.all(frames.map((f) => engine.observe(f))) })
 */
export function checkObservedLiveness({ challenge, observations, now = Date.now() }: CheckObservedLivenessParameters): CheckObservedLivenessReturnType {
  if (now > challenge.expiresAt) throw new LivenessChallengeFailedError('the challenge expired');
  if (observations.length < challenge.steps.length * 2 + 1) throw new LivenessChallengeFailedError(`${observations.length} frames cannot show ${challenge.steps.length} steps`);
  const faces: FaceObservation[] = [];
  for (const [i, found] of observations.entries()) {
    if (found.length !== 1) throw new LivenessChallengeFailedError(`frame ${i} shows ${found.length} faces`);
    if (faces.length && cosineSimilarity(faces[0].embedding, found[0].embedding) < SAME_PERSON) {
      throw new LivenessChallengeFailedError(`frame ${i} shows another person`);
    }
    faces.push(found[0]);
  }
  const observed = framesToSteps(faces);
  if (observed.join(',') !== challenge.steps.join(',')) {
    throw new LivenessChallengeFailedError(`asked for ${challenge.steps.join(', ')}; the frames show ${observed.join(', ') || 'no movement'}`);
  }
  return { livenessHash: livenessChallengeHash(challenge), observed };
}
