import type { Hash } from 'viem';
import { LivenessChallengeFailedError, SpoofSuspectedError } from '../errors.js';
import { cosineSimilarity } from '../login/cosineSimilarity.js';
import type { FaceObservation } from '../pipeline/types.js';
import { livenessChallengeHash, type LivenessChallenge, type LivenessStep, type SpoofGate } from './livenessChallenge.js';

export type { SpoofGate } from './livenessChallenge.js';

/** Head turned: |yaw| over 0.35 rad (20°); facing the camera: under 0.15 rad. */
const TURNED = 0.35;
const FACING = 0.15;
/** Eyes closed: both eyelid gaps under 60 % of the facing frames' median. */
const CLOSED = 0.6;
/**
 * Every frame must be the first frame's person. Similarity drops with pose, hence a floor well under the login
 * threshold, per model since the scales differ (eval:face's impostor pairs: faceres 0.1-0.65, faceRecognitionNet
 * 0.7-0.96). At 0.8 no genuine (synthetic) sequence of `npm run eval:liveness` was refused as another person; like
 * faceres's 0.35 it only catches a clearly different face, the login's match is the real identity check.
 */
export const samePersonFloor = (model: string) => (model.endsWith('/faceres') ? 0.35 : 0.8);

/**
 * The gate's thresholds when it is on: human's own cut (0.5) on each model's score. It is off by default: on the
 * evaluation's genuine sequences (synthetic frames, `npm run eval:liveness`) it refused live sequences too (README).
 */
export const DEFAULT_SPOOF_GATE: SpoofGate = { minReal: 0.5, minLive: 0.5 };

export type CheckObservedLivenessParameters = {
  challenge: LivenessChallenge;
  observations: FaceObservation[][];
  now?: number;
  /** The engine's model (`engine.model`): it picks the same-person floor. @default the default engine's */
  model?: string;
  /**
   * The anti-spoof gate: frames must carry `spoof` scores (an engine made with `spoofGate: true`) whose medians reach
   * these. `true` is DEFAULT_SPOOF_GATE. A challenge that carries a policy (`challenge.spoofGate`) turns the gate on
   * whatever this says; given both, each minimum is the higher of the two. @default false
   */
  spoofGate?: SpoofGate | boolean;
};
export type CheckObservedLivenessReturnType = { livenessHash: Hash; observed: LivenessStep[] };

type State = LivenessStep | 'facing' | 'between';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The service's policy and the caller's own gate together: each minimum the higher of the two. */
const strictestGate = (a?: SpoofGate, b?: SpoofGate): SpoofGate | undefined =>
  a && b ? { minReal: Math.max(a.minReal, b.minReal), minLive: Math.max(a.minLive, b.minLive) } : a ?? b;

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
 * same person throughout, performing the challenge's steps exactly and in order, before it expires; with the
 * optional anti-spoof gate, also read as real and live by human's antispoof and liveness models.
 * Where the frames come from (a decoder on the service, a camera in the browser) is the caller's part,
 * so both run this one decision.
 *
 * @example
 * const { livenessHash } = checkObservedLiveness({ challenge, observations: await Promise.all(frames.map((f) => engine.observe(f))) })
 */
export function checkObservedLiveness({ challenge, observations, now = Date.now(), model = '', spoofGate = false }: CheckObservedLivenessParameters): CheckObservedLivenessReturnType {
  if (now > challenge.expiresAt) throw new LivenessChallengeFailedError('the challenge expired');
  if (observations.length < challenge.steps.length * 2 + 1) throw new LivenessChallengeFailedError(`${observations.length} frames cannot show ${challenge.steps.length} steps`);
  const faces: FaceObservation[] = [];
  for (const [i, found] of observations.entries()) {
    if (found.length !== 1) throw new LivenessChallengeFailedError(`frame ${i} shows ${found.length} faces`);
    if (faces.length && cosineSimilarity(faces[0].embedding, found[0].embedding) < samePersonFloor(model)) {
      throw new LivenessChallengeFailedError(`frame ${i} shows another person`);
    }
    faces.push(found[0]);
  }
  const gate = strictestGate(challenge.spoofGate, spoofGate === true ? DEFAULT_SPOOF_GATE : spoofGate || undefined);
  if (gate) {
    if (faces.some((f) => !f.spoof)) throw new LivenessChallengeFailedError('the anti-spoof gate is on but the engine gave no anti-spoof scores (create it with spoofGate: true)');
    const [real, live] = [median(faces.map((f) => f.spoof!.real)), median(faces.map((f) => f.spoof!.live))];
    if (!(real >= gate.minReal && live >= gate.minLive)) throw new SpoofSuspectedError(real, live);
  }
  const observed = framesToSteps(faces);
  if (observed.join(',') !== challenge.steps.join(',')) {
    throw new LivenessChallengeFailedError(`asked for ${challenge.steps.join(', ')}; the frames show ${observed.join(', ') || 'no movement'}`);
  }
  return { livenessHash: livenessChallengeHash(challenge), observed };
}
