// @identree/biometrics: face login (issue 21). The human adapter is a separate entry, so code that only
// seals, matches or checks liveness does not load tfjs.
export * from '../errors.js';
export type { DecodedImage, EyeSpot, FaceEngine, FaceObservation } from '../pipeline/types.js';
export { decodeImage, MAX_SIDE_PX } from '../pipeline/decodeImage.js';
export { oneFace } from '../pipeline/oneFace.js';
export { extractFace, MIN_FACE_PX, type ExtractFaceParameters, type ExtractFaceReturnType } from '../pipeline/extractFace.js';
export type { FaceAuditEvent, FaceAuditLog, TemplateBlobStore, TemplateRecord, TemplateRecordStore } from '../templates/types.js';
export { memoryTemplateRecords, memoryFaceAuditLog } from '../templates/memoryTemplateRecords.js';
export { fsTemplateBlobs } from '../templates/fsTemplateBlobs.js';
export { enrollFace, faceTemplateCommitment, type EnrollFaceParameters, type EnrollFaceReturnType } from '../templates/enrollFace.js';
export { eraseFaceTemplate, type EraseFaceTemplateParameters, type EraseFaceTemplateReturnType } from '../templates/eraseFaceTemplate.js';
export { cosineSimilarity } from '../login/cosineSimilarity.js';
export { matchFaceTemplate, type MatchFaceTemplateParameters, type MatchFaceTemplateReturnType } from '../login/matchFaceTemplate.js';
export { signFaceLogin, type SignFaceLoginParameters, type SignFaceLoginReturnType } from '../login/signFaceLogin.js';
export { loginWithFace, faceMatchResultHash, DEFAULT_FACE_THRESHOLD, FACERES_FACE_THRESHOLD, faceThreshold, type LoginWithFaceParameters, type LoginWithFaceReturnType } from '../login/loginWithFace.js';
export { createLivenessChallenge, livenessChallengeHash, spoofGatePolicy, LIVENESS_STEPS, type LivenessChallenge, type LivenessStep } from '../liveness/createLivenessChallenge.js';
export { checkObservedLiveness, DEFAULT_SPOOF_GATE, samePersonFloor, type CheckObservedLivenessParameters, type CheckObservedLivenessReturnType, type SpoofGate } from '../liveness/checkObservedLiveness.js';
export { checkLiveness, framesToSteps, type CheckLivenessParameters, type CheckLivenessReturnType } from '../liveness/checkLiveness.js';
