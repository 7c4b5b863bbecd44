// The SDK's public surface. Everything a service, the CLI or the web app needs is exported here.
export { acceptRoot, type AcceptRootParameters, type AcceptRootReturnType } from '../actions/acceptRoot.js';
export { accreditIssuer, type AccreditIssuerParameters, type AccreditIssuerReturnType } from '../actions/accreditIssuer.js';
export { addAchievement, type AddAchievementParameters, type AddAchievementReturnType } from '../actions/addAchievement.js';
export { anchorCredential, type AnchorCredentialParameters, type AnchorCredentialReturnType } from '../actions/anchorCredential.js';
export { approveCredentialTransfer, type ApproveCredentialTransferParameters, type ApproveCredentialTransferReturnType } from '../actions/approveCredentialTransfer.js';
export { defineCredentialType, type DefineCredentialTypeParameters, type DefineCredentialTypeReturnType } from '../actions/defineCredentialType.js';
export { deployIdentityRegistry, type DeployIdentityRegistryParameters, type DeployIdentityRegistryReturnType } from '../actions/deployIdentityRegistry.js';
export { getAchievements, type GetAchievementsParameters, type GetAchievementsReturnType } from '../actions/getAchievements.js';
export { getTokenURI, type GetTokenURIParameters, type GetTokenURIReturnType } from '../actions/getTokenURI.js';
export { getParents, type GetParentsParameters, type GetParentsReturnType } from '../actions/getParents.js';
export { getCredentialTypeName, type GetCredentialTypeNameParameters, type GetCredentialTypeNameReturnType } from '../actions/getCredentialTypeName.js';
export { getCredential, type GetCredentialParameters, type GetCredentialReturnType } from '../actions/getCredential.js';
export { getCredentialHistory, type GetCredentialHistoryParameters, type GetCredentialHistoryReturnType } from '../actions/getCredentialHistory.js';
export { getEntity, type GetEntityParameters, type GetEntityReturnType } from '../actions/getEntity.js';
export { getIdentityTree, type GetIdentityTreeParameters, type GetIdentityTreeReturnType } from '../actions/getIdentityTree.js';
export { getRoot, type GetRootParameters, type GetRootReturnType } from '../actions/getRoot.js';
export { isCredentialValid, type IsCredentialValidParameters, type IsCredentialValidReturnType } from '../actions/isCredentialValid.js';
export { linkCredential, type LinkCredentialParameters, type LinkCredentialReturnType } from '../actions/linkCredential.js';
export { registerEntity, type RegisterEntityParameters, type RegisterEntityReturnType } from '../actions/registerEntity.js';
export { reinstateEntity, type ReinstateEntityParameters, type ReinstateEntityReturnType } from '../actions/reinstateEntity.js';
export { requestCredentialTransfer, type RequestCredentialTransferParameters, type RequestCredentialTransferReturnType } from '../actions/requestCredentialTransfer.js';
export { revokeAccreditation, type RevokeAccreditationParameters, type RevokeAccreditationReturnType } from '../actions/revokeAccreditation.js';
export { revokeCredential, type RevokeCredentialParameters, type RevokeCredentialReturnType } from '../actions/revokeCredential.js';
export { revokeCredentialOf, type RevokeCredentialOfParameters, type RevokeCredentialOfReturnType } from '../actions/revokeCredentialOf.js';
export { revokeEntity, type RevokeEntityParameters, type RevokeEntityReturnType } from '../actions/revokeEntity.js';
export { suspendEntity, type SuspendEntityParameters, type SuspendEntityReturnType } from '../actions/suspendEntity.js';
export { setBaseTokenURI, type SetBaseTokenURIParameters, type SetBaseTokenURIReturnType } from '../actions/setBaseTokenURI.js';
export { transferRoot, type TransferRootParameters, type TransferRootReturnType } from '../actions/transferRoot.js';
export { unlinkCredential, type UnlinkCredentialParameters, type UnlinkCredentialReturnType } from '../actions/unlinkCredential.js';
export { identreeActions, type IdentreeActions } from '../clients/identreeActions.js';
export { IdentreeError, InvalidParameterError } from '../errors/base.js';
export * from '../errors/registry.js';
export { decodeRegistryError } from '../errors/decodeRegistryError.js';
export { TransactionRevertedError, type RegistryClient } from '../utils/writeRegistry.js';
export { credentialId } from '../utils/credentialId.js';
export { NO_EXPIRY } from '../utils/timestamp.js';
export {
  CertificationLevel,
  CredentialType,
  EntityKind,
  EntityStatus,
  nameOf,
  type CertificationLevelName,
  type Credential,
  type Entity,
  type EntityKindName,
  type EntityStatusName,
  type TransactionResult,
} from '../types.js';
export { identityRegistryAbi } from '@identree/abi';
export { commitAttributes, ATTRIBUTE_LEAF_ENCODING, type SaltedAttribute, type CommitAttributesReturnType } from '../credentials/commitAttributes.js';
export { issueCredential, VC_CONTEXT, type IssueCredentialParameters, type IssueCredentialReturnType } from '../credentials/issueCredential.js';
export {
  completeCredential,
  draftCredential,
  type CompleteCredentialParameters,
  type DraftCredentialParameters,
  type DraftCredentialReturnType,
} from '../credentials/draftCredential.js';
export { credentialSchemas, validateAttributes, type AttributeValues, type CredentialSchemaName } from '../credentials/credentialSchemas.js';
export { deriveAgeClaims, AGE_THRESHOLDS, BOOLEAN_CLAIMS, claimValue } from '../credentials/derivedClaims.js';
export { AttributeSchemaError, UnknownCredentialTypeError } from '../credentials/errors.js';
export type { BitstringStatusListEntry, ChainReference, IdentreeAnchorProof, IdentreeCredential } from '../credentials/types.js';
export { createPresentation, type CreatePresentationParameters } from '../presentations/createPresentation.js';
export { nonceReplayedVerdict, verifyPresentation, type VerifyPresentationParameters } from '../presentations/verifyPresentation.js';
export { assertNonceLifetime, MemoryNonceStore, type NonceStore } from '../presentations/nonceStore.js';
export { cachedStatusSource, chainStatusSource, type CredentialStatus, type CredentialStatusSource } from '../presentations/credentialStatusSource.js';
export { PRESENTATION_DOMAIN, PRESENTATION_TYPES, presentationTypedData } from '../presentations/presentationTypedData.js';
export { disclosureLeafHash } from '../presentations/disclosureLeafHash.js';
export { presentationSchema } from '../presentations/presentationSchema.js';
/** Settles once the verifier's WebAssembly Keccak is loaded (or failed to load); await it before warming a verifier up. */
export { keccakImplementation, keccakReady } from '../utils/keccak256Bytes.js';
export type { Disclosure, Presentation, PresentedCredential, Verdict, VerdictReason, VerdictReasonCode, VerifiedCredential, VerifierPolicy } from '../presentations/types.js';
export { InvalidDidError } from '../did/errors.js';
export { toIdentreeDid, IDENTREE_DID_METHOD, type ToIdentreeDidParameters, type ToIdentreeDidReturnType } from '../did/toIdentreeDid.js';
export { parseIdentreeDid, type ParseIdentreeDidReturnType } from '../did/parseIdentreeDid.js';
export { getIdentreeResolver, type GetIdentreeResolverParameters, type GetIdentreeResolverReturnType, type IdentreeNetwork } from '../did/getIdentreeResolver.js';
export type { IdentreeDidDocument, IdentreeDidProperties } from '../did/types.js';
export { chainStatusHistory, statusAt, type ChainStatusHistoryParameters, type StatusChangeRecord, type StatusHistorySource } from '../did/statusHistory.js';
export { chainKeyHistory, blockTimeReader, type ChainKeyHistoryParameters, type KeyChangeRecord, type KeyHistorySource } from '../did/keyHistory.js';
export { IDENTREE_DID_CONTEXT, IDENTREE_DID_CONTEXT_PATH, IDENTREE_DID_CONTEXT_URL } from '../did/identreeDidContext.js';
export {
  exportSdJwtVc,
  IDENTREE_ANCHOR_CLAIM,
  IDENTREE_VCT_BASE,
  type ExportSdJwtVcParameters,
  type ExportSdJwtVcReturnType,
  type IdentreeSdJwtAnchor,
  type IdentreeSdJwtVcPayload,
} from '../interop/exportSdJwtVc.js';
export { secureCredentialJwt, type SecureCredentialJwtParameters } from '../interop/secureCredentialJwt.js';
export { IDENTREE_CREDENTIAL_CONTEXT, IDENTREE_CREDENTIAL_CONTEXT_PATH, IDENTREE_CREDENTIAL_CONTEXT_URL } from '../credentials/identreeCredentialContext.js';
export {
  prepareCredentialEip712,
  EIP712_PROOF_TYPE,
  type CredentialEip712Domain,
  type CredentialEip712TypedData,
  type PrepareCredentialEip712Parameters,
} from '../interop/prepareCredentialEip712.js';
export { secureCredentialEip712, type Eip712SecuredCredential, type SecureCredentialEip712Parameters } from '../interop/secureCredentialEip712.js';
export { presentSdJwtVc, type PresentSdJwtVcParameters } from '../interop/presentSdJwtVc.js';
export {
  verifySdJwtVcPresentation,
  SdJwtPresentationError,
  type SdJwtPresentationRefusal,
  type VerifySdJwtVcPresentationParameters,
  type VerifySdJwtVcPresentationReturnType,
} from '../interop/verifySdJwtVcPresentation.js';
export { secp256k1PublicKeyToJwk, jwkToSecp256k1PublicKey, type Secp256k1Jwk } from '../interop/secp256k1Jwk.js';
export { sdJwtSignerFor, type SdJwtSigner } from '../interop/sdJwtSignerFor.js';
export { sdJwtVerifierFor, type SdJwtVerifier, type SdJwtVerifierForParameters } from '../interop/sdJwtVerifierFor.js';
export { hashPair } from '../presentations/disclosureLeafHash.js';
export { buildIdentityBatch, type BuildIdentityBatchReturnType, type IdentityBatchEntry } from '../population/buildIdentityBatch.js';
export { buildCredentialBatch, type BuildCredentialBatchReturnType, type CredentialBatchEntry } from '../population/buildCredentialBatch.js';
export { MAX_BATCH_SIZE, type PopulationBatch } from '../population/batchTree.js';
export { anchorIdentityBatch, type AnchorIdentityBatchParameters, type AnchorIdentityBatchReturnType } from '../actions/anchorIdentityBatch.js';
export { claimIdentity, type ClaimIdentityParameters, type ClaimIdentityReturnType } from '../actions/claimIdentity.js';
export { anchorCredentialBatch, type AnchorCredentialBatchParameters, type AnchorCredentialBatchReturnType } from '../actions/anchorCredentialBatch.js';
export { revokeBatchCredential, type RevokeBatchCredentialParameters, type RevokeBatchCredentialReturnType } from '../actions/revokeBatchCredential.js';
export { isBatchCredentialValid, type IsBatchCredentialValidParameters, type IsBatchCredentialValidReturnType } from '../actions/isBatchCredentialValid.js';
export { getIdentityBatch, type GetIdentityBatchParameters, type GetIdentityBatchReturnType, type IdentityBatch } from '../actions/getIdentityBatch.js';
export { getCredentialBatch, type GetCredentialBatchParameters, type GetCredentialBatchReturnType, type CredentialBatch } from '../actions/getCredentialBatch.js';
export { signLinkCredential, type SignLinkCredentialParameters, type SignLinkCredentialReturnType } from '../actions/signLinkCredential.js';
export { relayLinkCredential, type RelayLinkCredentialParameters, type RelayLinkCredentialReturnType } from '../actions/relayLinkCredential.js';
export { signUnlinkCredential, type SignUnlinkCredentialParameters, type SignUnlinkCredentialReturnType } from '../actions/signUnlinkCredential.js';
export { relayUnlinkCredential, type RelayUnlinkCredentialParameters, type RelayUnlinkCredentialReturnType } from '../actions/relayUnlinkCredential.js';
export { DEFAULT_HOLDER_MESSAGE_LIFETIME, HOLDER_MESSAGE_TYPES, type SignedHolderMessage } from '../utils/holderMessages.js';
// Holder registry (issue 5): consent, encrypted sharing, key rotation and guardian recovery.
export { holderRegistryAbi } from '@identree/abi';
export { holderActions, type HolderActions } from '../clients/holderActions.js';
export { getHolderRegistry, type GetHolderRegistryParameters, type GetHolderRegistryReturnType } from '../holders/getHolderRegistry.js';
export { HOLDER_REGISTRY_TYPES, type HolderRegistryMessageType } from '../holders/holderTypedData.js';
export type { HolderRegistryParameters, HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
export * from '../errors/holderRegistry.js';
export { attributesDigest, isAttributesDigest, ATTRIBUTES_DIGEST_DOMAIN, WHOLE_CREDENTIAL } from '../consent/attributesDigest.js';
export type { AccessLogEntry, Grant, SignedGrantAccess, SignedRevokeAccess } from '../consent/types.js';
export { grantAccess, type GrantAccessParameters, type GrantAccessReturnType } from '../consent/grantAccess.js';
export { revokeAccess, type RevokeAccessParameters, type RevokeAccessReturnType } from '../consent/revokeAccess.js';
export { logAccess, type LogAccessParameters, type LogAccessReturnType } from '../consent/logAccess.js';
export { checkAccess, type CheckAccessParameters, type CheckAccessReturnType } from '../consent/checkAccess.js';
export { getGrant, type GetGrantParameters, type GetGrantReturnType } from '../consent/getGrant.js';
export { decodeGrantWord } from '../consent/decodeGrantWord.js';
export { signGrantAccess, type SignGrantAccessParameters, type SignGrantAccessReturnType } from '../consent/signGrantAccess.js';
export { signRevokeAccess, type SignRevokeAccessParameters, type SignRevokeAccessReturnType } from '../consent/signRevokeAccess.js';
export { relayGrantAccess, type RelayGrantAccessParameters, type RelayGrantAccessReturnType } from '../consent/relayGrantAccess.js';
export { relayRevokeAccess, type RelayRevokeAccessParameters, type RelayRevokeAccessReturnType } from '../consent/relayRevokeAccess.js';
export { getAccessLog, type GetAccessLogParameters, type GetAccessLogReturnType } from '../consent/getAccessLog.js';
export {
  KeyChange,
  type KeyChangeName,
  type GuardianSet,
  type RecoveryState,
  type SignedAcceptKey,
  type SignedAddGuardian,
  type SignedApproveRecovery,
  type SignedCancelRecovery,
  type SignedGuardianChange,
  type SignedRemoveGuardian,
  type SignedRotateKey,
} from '../recovery/types.js';
export { signAcceptKey, type SignAcceptKeyParameters, type SignAcceptKeyReturnType } from '../recovery/signAcceptKey.js';
export { rotateKey, type RotateKeyParameters, type RotateKeyReturnType } from '../recovery/rotateKey.js';
export { addGuardian, type AddGuardianParameters, type AddGuardianReturnType } from '../recovery/addGuardian.js';
export { removeGuardian, type RemoveGuardianParameters, type RemoveGuardianReturnType } from '../recovery/removeGuardian.js';
export { approveRecovery, type ApproveRecoveryParameters, type ApproveRecoveryReturnType } from '../recovery/approveRecovery.js';
export { finalizeRecovery, type FinalizeRecoveryParameters, type FinalizeRecoveryReturnType } from '../recovery/finalizeRecovery.js';
export { cancelRecovery, type CancelRecoveryParameters, type CancelRecoveryReturnType } from '../recovery/cancelRecovery.js';
export { signAuthorityCall, type SignAuthorityCallParameters, type SignAuthorityCallReturnType } from '../relay/signAuthorityCall.js';
export { relayAuthorityCall, type RelayAuthorityCallParameters, type RelayAuthorityCallReturnType } from '../relay/relayAuthorityCall.js';
export { evmVersionOf } from '../utils/evmVersionOf.js';
export { reportCompromise, type ReportCompromiseParameters, type ReportCompromiseReturnType } from '../compromise/reportCompromise.js';
export { prepareReportCompromise, type PrepareReportCompromiseParameters, type PrepareReportCompromiseReturnType } from '../compromise/prepareReportCompromise.js';
export { getCompromise, judgeAgainstCompromise, type Compromise } from '../compromise/getCompromise.js';
export { getAnchorTime } from '../compromise/getAnchorTime.js';
export { rebindByRegistrar, type RebindByRegistrarParameters, type RebindByRegistrarReturnType } from '../recovery/rebindByRegistrar.js';
export { keyOf, type KeyOfParameters, type KeyOfReturnType } from '../recovery/keyOf.js';
export { identityOf, type IdentityOfParameters, type IdentityOfReturnType } from '../recovery/identityOf.js';
export { guardianSetOf, type GuardianSetOfParameters, type GuardianSetOfReturnType } from '../recovery/guardianSetOf.js';
export { recoveryOf, type RecoveryOfParameters, type RecoveryOfReturnType } from '../recovery/recoveryOf.js';
export { isGuardian, type IsGuardianParameters, type IsGuardianReturnType } from '../recovery/isGuardian.js';
export { MAX_GUARDIANS } from '../recovery/checkRecoveryInput.js';
// Relayed guardian and key actions: the holder (or guardian) signs, a sponsor sends and pays.
export { signAddGuardian, type SignAddGuardianParameters, type SignAddGuardianReturnType } from '../recovery/signAddGuardian.js';
export { relayAddGuardian, type RelayAddGuardianParameters, type RelayAddGuardianReturnType } from '../recovery/relayAddGuardian.js';
export { signRemoveGuardian, type SignRemoveGuardianParameters, type SignRemoveGuardianReturnType } from '../recovery/signRemoveGuardian.js';
export { relayRemoveGuardian, type RelayRemoveGuardianParameters, type RelayRemoveGuardianReturnType } from '../recovery/relayRemoveGuardian.js';
export { signApproveRecovery, type SignApproveRecoveryParameters, type SignApproveRecoveryReturnType } from '../recovery/signApproveRecovery.js';
export { relayApproveRecovery, type RelayApproveRecoveryParameters, type RelayApproveRecoveryReturnType } from '../recovery/relayApproveRecovery.js';
export { signCancelRecovery, type SignCancelRecoveryParameters, type SignCancelRecoveryReturnType } from '../recovery/signCancelRecovery.js';
export { relayCancelRecovery, type RelayCancelRecoveryParameters, type RelayCancelRecoveryReturnType } from '../recovery/relayCancelRecovery.js';
export { signRotateKey, type SignRotateKeyParameters, type SignRotateKeyReturnType } from '../recovery/signRotateKey.js';
export { relayRotateKey, type RelayRotateKeyParameters, type RelayRotateKeyReturnType } from '../recovery/relayRotateKey.js';
export {
  SHARE_CONTENT_ALGORITHM,
  SHARE_ENVELOPE_VERSION,
  SHARE_KEY_ALGORITHM,
  type ShareEnvelope,
  type ShareRecipient,
} from '../sharing/types.js';
export { ShareError, ShareDecryptionError, ShareEnvelopeInvalidError, ShareIntegrityError, ShareRecipientNotFoundError } from '../sharing/errors.js';
export { sealDisclosures, type SealDisclosuresParameters, type SealDisclosuresReturnType } from '../sharing/sealDisclosures.js';
export { sealCredential, type CredentialEnvelope, type SealCredentialParameters, type SealCredentialReturnType } from '../delivery/sealCredential.js';
export { openCredential, type OpenCredentialParameters, type OpenCredentialReturnType } from '../delivery/openCredential.js';
export { sealDocumentImage, type DocumentImageEnvelope, type SealDocumentImageParameters, type SealDocumentImageReturnType } from '../enrollment/sealDocumentImage.js';
export { deployEnrollmentRegistry, type DeployEnrollmentRegistryParameters, type DeployEnrollmentRegistryReturnType } from '../enrollment/deployEnrollmentRegistry.js';
export { accreditVerifier, type AccreditVerifierParameters, type AccreditVerifierReturnType } from '../enrollment/accreditVerifier.js';
export { withdrawVerifier, type WithdrawVerifierParameters, type WithdrawVerifierReturnType } from '../enrollment/withdrawVerifier.js';
export { commitDocumentFields, documentFieldLeaf, type CommitDocumentFieldsParameters, type CommitDocumentFieldsReturnType } from '../enrollment/commitDocumentFields.js';
export { enrollmentId } from '../enrollment/enrollmentId.js';
export { recoverFieldConfirmation, type RecoverFieldConfirmationParameters } from '../enrollment/recoverFieldConfirmation.js';
export { enrollDocument, type EnrollDocumentParameters, type EnrollDocumentReturnType } from '../enrollment/enrollDocument.js';
export { ENROLL_TYPES, prepareEnrollTypedData, type EnrollMessage, type PrepareEnrollTypedDataParameters } from '../enrollment/enrollTypedData.js';
export { signEnrollment, type SignEnrollmentParameters, type SignedEnrollment } from '../enrollment/signEnrollment.js';
export { enrollDocumentBySignature, prepareRelayedEnrollment, simulateRelayedEnrollment, type PrepareRelayedEnrollmentReturnType } from '../enrollment/enrollDocumentBySignature.js';
export { sealBeacon, type SealBeaconParameters, type SealBeaconReturnType } from '../enrollment/sealBeacon.js';
export { getEnrollment, type GetEnrollmentParameters, type GetEnrollmentReturnType } from '../enrollment/getEnrollment.js';
export { getFieldAssignments, type GetFieldAssignmentsParameters, type GetFieldAssignmentsReturnType } from '../enrollment/getFieldAssignments.js';
export { commitCorrectedText, correctionOpens, type CommitCorrectedTextReturnType, type FieldCorrection } from '../enrollment/commitCorrectedText.js';
export { signFieldConfirmation, type SignFieldConfirmationParameters, type SignFieldConfirmationReturnType } from '../enrollment/signFieldConfirmation.js';
export { FIELD_CONFIRMATION_TYPES, enrollmentDomain, type FieldConfirmationMessage } from '../enrollment/confirmationTypedData.js';
export { confirmationBatchTree, confirmationLeaf, encodeConfirmationBatch } from '../enrollment/confirmationLeaf.js';
export { recordConfirmations, type RecordConfirmationsParameters, type RecordConfirmationsReturnType } from '../enrollment/recordConfirmations.js';
export { confirmField, type ConfirmFieldParameters, type ConfirmFieldReturnType } from '../enrollment/confirmField.js';
export { checkConfirmation, type CheckConfirmationParameters, type CheckConfirmationReturnType } from '../enrollment/checkConfirmation.js';
export { attestEnrollment, type AttestEnrollmentParameters, type AttestEnrollmentReturnType } from '../enrollment/attestEnrollment.js';
export { recordAndAttest, type RecordAndAttestParameters, type RecordAndAttestReturnType } from '../enrollment/recordAndAttest.js';
export {
  decodeEnrollmentProviderLogs,
  prepareEnrollmentProviderCall,
  simulateEnrollmentProviderCall,
  type DecodeEnrollmentProviderLogsReturnType,
  type EnrollmentProviderWrite,
  type PrepareEnrollmentProviderCallParameters,
  type PrepareEnrollmentProviderCallReturnType,
} from '../enrollment/prepareEnrollmentProviderCall.js';
export { reportFalseField, type ReportFalseFieldParameters, type ReportFalseFieldReturnType } from '../enrollment/reportFalseField.js';
export { penaliseConfirmation, type PenaliseConfirmationParameters, type PenaliseConfirmationReturnType } from '../enrollment/penaliseConfirmation.js';
export { getCredentialEnrollment, type GetCredentialEnrollmentParameters, type GetCredentialEnrollmentReturnType } from '../enrollment/getCredentialEnrollment.js';
export {
  ConfirmationFault,
  EnrollmentStatus,
  FieldOutcome,
  type ConfirmationFaultName,
  type EnrollmentCommitment,
  type EnrollmentConfig,
  type EnrollmentStatusName,
  type FieldConfirmation,
  type FieldOpening,
  type FieldOutcomeName,
} from '../enrollment/types.js';
export * from '../errors/enrollmentRegistry.js';
export { enrollmentRegistryAbi } from '@identree/abi';
export { openDocumentImage, type OpenDocumentImageParameters } from '../enrollment/openDocumentImage.js';
export { openDisclosures, type OpenDisclosuresParameters, type OpenDisclosuresReturnType } from '../sharing/openDisclosures.js';
export { addShareRecipient, type AddShareRecipientParameters } from '../sharing/addShareRecipient.js';
export { removeShareRecipient } from '../sharing/removeShareRecipient.js';
export { checkEnvelope } from '../sharing/checkEnvelope.js';
export { ciphertextCid } from '../sharing/shareCrypto.js';
// Face templates (issue 21): the embedding sealed like a credential, opened only where a recipient's key is.
export type { FaceTemplateEnvelope } from '../biometrics/types.js';
export { FaceTemplateDecryptionError } from '../biometrics/errors.js';
export { sealFaceTemplate, faceTemplateAad, type SealFaceTemplateParameters, type SealFaceTemplateReturnType } from '../biometrics/sealFaceTemplate.js';
export { openFaceTemplate, type OpenFaceTemplateParameters, type OpenFaceTemplateReturnType } from '../biometrics/openFaceTemplate.js';
// The chain's commitment to a sealed face template (FaceTemplateRegistry): one slot per identity.
export { deployFaceTemplateRegistry, type DeployFaceTemplateRegistryParameters, type DeployFaceTemplateRegistryReturnType } from '../biometrics/deployFaceTemplateRegistry.js';
export { commitFaceTemplate, type CommitFaceTemplateParameters, type CommitFaceTemplateReturnType } from '../biometrics/commitFaceTemplate.js';
export { recordFaceTemplateErasure, type RecordFaceTemplateErasureParameters, type RecordFaceTemplateErasureReturnType } from '../biometrics/recordFaceTemplateErasure.js';
export { getFaceTemplateCommitment, isCurrentFaceTemplate, type FaceTemplateCommitmentStatus, type GetFaceTemplateCommitmentParameters, type GetFaceTemplateCommitmentReturnType, type IsCurrentFaceTemplateParameters } from '../biometrics/getFaceTemplateCommitment.js';
export { signFaceTemplateMessage, faceTemplateTypedData, type FaceTemplateTypedDataParameters, FACE_TEMPLATE_TYPES, type FaceTemplateAction, type SignedFaceTemplateMessage, type SignFaceTemplateMessageParameters } from '../biometrics/signFaceTemplateMessage.js';
export { relayFaceTemplateMessage, type RelayFaceTemplateMessageParameters, type RelayFaceTemplateMessageReturnType } from '../biometrics/relayFaceTemplateMessage.js';
export { prepareRelayedFaceTemplateMessage, simulateRelayedFaceTemplateMessage, type PrepareRelayedFaceTemplateMessageParameters, type PrepareRelayedFaceTemplateMessageReturnType } from '../biometrics/prepareRelayedFaceTemplateMessage.js';
export { faceTemplateCidBytes, type FaceTemplateRegistryParameters } from '../biometrics/faceTemplateRegistryCall.js';
export { grantFaceTemplateKey, faceTemplateGrantUid, type GrantFaceTemplateKeyParameters, type GrantFaceTemplateKeyReturnType } from '../biometrics/grantFaceTemplateKey.js';
export * from '../errors/faceTemplateRegistry.js';
export { faceTemplateRegistryAbi } from '@identree/abi';
// Unsigned calls and typed data for every write the API accepts (issue: the SDK is the only ABI touch).
// Each `prepare*` is pure; `prepareTransaction` fills in chain id, nonce, gas and fees for a signer.
export type { PreparedCall } from '../prepare/types.js';
export { prepareRegisterEntity, type PrepareRegisterEntityParameters, type PrepareRegisterEntityReturnType } from '../prepare/prepareRegisterEntity.js';
export { prepareSuspendEntity, type PrepareSuspendEntityParameters, type PrepareSuspendEntityReturnType } from '../prepare/prepareSuspendEntity.js';
export { prepareReinstateEntity, type PrepareReinstateEntityParameters, type PrepareReinstateEntityReturnType } from '../prepare/prepareReinstateEntity.js';
export { prepareRevokeEntity, type PrepareRevokeEntityParameters, type PrepareRevokeEntityReturnType } from '../prepare/prepareRevokeEntity.js';
export { prepareAccreditIssuer, type PrepareAccreditIssuerParameters, type PrepareAccreditIssuerReturnType } from '../prepare/prepareAccreditIssuer.js';
export {
  prepareRevokeAccreditation,
  type PrepareRevokeAccreditationParameters,
  type PrepareRevokeAccreditationReturnType,
} from '../prepare/prepareRevokeAccreditation.js';
export {
  prepareDefineCredentialType,
  type PrepareDefineCredentialTypeParameters,
  type PrepareDefineCredentialTypeReturnType,
} from '../prepare/prepareDefineCredentialType.js';
export { prepareAnchorCredential, type PrepareAnchorCredentialParameters, type PrepareAnchorCredentialReturnType } from '../prepare/prepareAnchorCredential.js';
export {
  prepareAnchorBirthCertificate,
  type PrepareAnchorBirthCertificateParameters,
  type PrepareAnchorBirthCertificateReturnType,
} from '../prepare/prepareAnchorBirthCertificate.js';
export { prepareRevokeCredential, type PrepareRevokeCredentialParameters, type PrepareRevokeCredentialReturnType } from '../prepare/prepareRevokeCredential.js';
export { prepareRevokeCredentialOf, type PrepareRevokeCredentialOfParameters, type PrepareRevokeCredentialOfReturnType } from '../prepare/prepareRevokeCredentialOf.js';
export { prepareAddAchievement, type PrepareAddAchievementParameters, type PrepareAddAchievementReturnType } from '../prepare/prepareAddAchievement.js';
export {
  prepareRequestCredentialTransfer,
  type PrepareRequestCredentialTransferParameters,
  type PrepareRequestCredentialTransferReturnType,
} from '../prepare/prepareRequestCredentialTransfer.js';
export {
  prepareApproveCredentialTransfer,
  type PrepareApproveCredentialTransferParameters,
  type PrepareApproveCredentialTransferReturnType,
} from '../prepare/prepareApproveCredentialTransfer.js';
export { prepareTransferRoot, type PrepareTransferRootParameters, type PrepareTransferRootReturnType } from '../prepare/prepareTransferRoot.js';
export { prepareAcceptRoot, type PrepareAcceptRootParameters, type PrepareAcceptRootReturnType } from '../prepare/prepareAcceptRoot.js';
export { prepareRebindByRegistrar, type PrepareRebindByRegistrarParameters, type PrepareRebindByRegistrarReturnType } from '../prepare/prepareRebindByRegistrar.js';
export { prepareLogAccess, type PrepareLogAccessParameters, type PrepareLogAccessReturnType } from '../prepare/prepareLogAccess.js';
export {
  prepareRelayedHolderWrite,
  RELAYED_HOLDER_WRITES,
  type PrepareRelayedHolderWriteParameters,
  type PrepareRelayedHolderWriteReturnType,
  type RelayedHolderWriteName,
} from '../prepare/prepareRelayedHolderWrite.js';
export {
  prepareHolderTypedData,
  HOLDER_TYPED_DATA_DOMAINS,
  type HolderTypedDataType,
  type PrepareHolderTypedDataParameters,
  type PrepareHolderTypedDataReturnType,
} from '../prepare/prepareHolderTypedData.js';
export { getHolderMessageNonce, type GetHolderMessageNonceParameters, type GetHolderMessageNonceReturnType } from '../prepare/getHolderMessageNonce.js';
export { prepareTransaction, type PrepareTransactionParameters, type PrepareTransactionReturnType } from '../prepare/prepareTransaction.js';
export { simulateRegistryWrite, type SimulateRegistryWriteParameters, type SimulateRegistryWriteReturnType } from '../prepare/simulateRegistryWrite.js';
// Decoding for the service: calldata of a signed transaction, a receipt's events, an indexer's logs.
export { decodeRegistryCall, type DecodeRegistryCallParameters, type DecodeRegistryCallReturnType } from '../decode/decodeRegistryCall.js';
export {
  decodeRegistryEvents,
  type DecodedRegistryEvent,
  type DecodeRegistryEventsReturnType,
  type RegistryEventName,
} from '../decode/decodeRegistryEvents.js';
export { parseRegistryLogs, type ParseRegistryLogsReturnType } from '../decode/parseRegistryLogs.js';
export { UnknownRegistryCallError, type RegistryContract } from '../errors/registryCall.js';
export type { JsonValue } from '../utils/toJsonSafe.js';
