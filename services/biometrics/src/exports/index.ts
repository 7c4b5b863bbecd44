// @identree/biometrics-service: face templates sealed on the holder's device, committed on chain, erased on
// request; and the service's half of face login (challenge, binding, per-identity failure limit).
export { FaceServiceError, FaceRequestError, faceServiceErrors, type FaceServiceErrorCode } from '../errors.js';
export type { FaceChain, FaceServicePorts, FaceTypedData } from '../ports/ports.js';
export { viemFaceChain, type ViemFaceChainParameters } from '../ports/viemFaceChain.js';
export { checkEnvelope } from '../templates/checkEnvelope.js';
export { storeTemplate, type StoreTemplateParameters, type StoreTemplateReturnType } from '../templates/storeTemplate.js';
export { rewrapTemplateKey, guardianTemplateRecord, type RewrapTemplateKeyParameters, type RewrapTemplateKeyReturnType } from '../templates/rewrapTemplateKey.js';
export { checkGuardianRecipients } from '../templates/checkGuardianRecipients.js';
export { eraseTemplate, type EraseTemplateParameters, type EraseTemplateReturnType } from '../templates/eraseTemplate.js';
export { memoryFaceChallenges, storedFaceChallenges, issueFaceChallenge, type FaceChallengeNonces, type FaceChallengeStore, type IssuedFaceChallenge } from '../login/faceChallenges.js';
export { memoryFaceFailureLimiter, storedFaceFailureLimiter, type FaceFailureLimiter, type FaceFailureLimiterParameters, type FaceFailureStore } from '../login/faceFailureLimiter.js';
export { checkFaceLogin, FACE_MATCH_URN, FACE_MISMATCH_URN, FACE_TEMPLATE_REQUEST_URN, type CheckFaceLoginParameters, type CheckFaceLoginReturnType, type FaceMatchReport } from '../login/checkFaceLogin.js';
export { storedTemplateRecords, templateRecordRow, type TemplateRecordRow, type TemplateRecordRows } from '../ports/storedTemplateRecords.js';
export { auditedFacePorts, type ServiceAudit, type ServiceBlobs } from '../ports/auditedFacePorts.js';
export { memoryKioskKeys, type KioskKey, type KioskKeyStore } from '../kiosk/kioskKeys.js';
export { acceptKioskGrant, kioskCheck, type AcceptKioskGrantParameters, type Kiosk, type KioskCheckParameters } from '../kiosk/kioskCheck.js';
