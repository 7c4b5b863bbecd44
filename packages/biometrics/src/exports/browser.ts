// @identree/biometrics/browser: the parts of face login that run in a web page. No decoder (sharp), no
// node:crypto and no model loader: the page brings camera frames and its own engine (./human-browser).
export * from '../errors.js';
export type { DecodedImage, FaceEngine, FaceObservation } from '../pipeline/types.js';
export { oneFace, MIN_FACE_PX } from '../pipeline/oneFace.js';
export { cosineSimilarity } from '../login/cosineSimilarity.js';
export { faceMatchResultHash, DEFAULT_FACE_THRESHOLD, FACERES_FACE_THRESHOLD, faceThreshold } from '../login/faceMatchResultHash.js';
export { matchFaceTemplate, type MatchFaceTemplateParameters, type MatchFaceTemplateReturnType } from '../login/matchFaceTemplate.js';
export { signFaceLogin, type SignFaceLoginParameters, type SignFaceLoginReturnType } from '../login/signFaceLogin.js';
export { livenessChallengeHash, spoofGatePolicy, LIVENESS_STEPS, type LivenessChallenge, type LivenessStep } from '../liveness/livenessChallenge.js';
export { checkObservedLiveness, framesToSteps, DEFAULT_SPOOF_GATE, samePersonFloor, type CheckObservedLivenessParameters, type CheckObservedLivenessReturnType, type SpoofGate } from '../liveness/checkObservedLiveness.js';
