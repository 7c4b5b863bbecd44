import type { ContractErrorArgs, ContractErrorName } from 'viem';
import { BaseError as ViemBaseError, ContractFunctionRevertedError } from 'viem';
import { enrollmentRegistryAbi } from '@identree/abi';
import { IdentreeError } from './base.js';
import { RegistryRevertError } from './registry.js';
import { decodeRegistryError } from './decodeRegistryError.js';

type Abi = typeof enrollmentRegistryAbi;
export type EnrollmentRegistryErrorName = ContractErrorName<Abi>;
export type EnrollmentRegistryErrorArgs<N extends EnrollmentRegistryErrorName> = ContractErrorArgs<Abi, N>;

type Describe<N extends EnrollmentRegistryErrorName> = (args: EnrollmentRegistryErrorArgs<N>) => string;
type EnrollmentErrorClass = new (args: any, options?: { cause?: unknown; details?: string }) => RegistryRevertError;

const byName = new Map<string, EnrollmentErrorClass>();

/**
 * One class per custom error of the enrollment registry, in the manner of `errors/registry.ts`. They
 * extend `RegistryRevertError`, so a service's error table handles them by `errorName` too.
 */
function revertError<const N extends EnrollmentRegistryErrorName>(errorName: N, describe: Describe<N>) {
  const Class = class extends RegistryRevertError {
    static readonly errorName = errorName;
    constructor(args: EnrollmentRegistryErrorArgs<N>, options: { cause?: unknown; details?: string } = {}) {
      super(errorName as never, args as never, describe(args), options);
      this.name = `${errorName}Error`;
    }
  };
  Object.defineProperty(Class, 'name', { value: `${errorName}Error` });
  byName.set(errorName, Class as unknown as EnrollmentErrorClass);
  return Class;
}

const OUTCOMES = ['pending', 'confirmed', 'rejected'] as const;
const STATUSES = ['none', 'open', 'attested', 'disputed'] as const;

export const EnrollmentUnauthorizedError = revertError('EnrollmentUnauthorized', ([c]) => `${c} is not the identity registry's root.`);
export type EnrollmentUnauthorizedError = InstanceType<typeof EnrollmentUnauthorizedError>;
export const EnrollmentConfigInvalidError = revertError('EnrollmentConfigInvalid', () => 'The enrollment configuration has a zero, or more than 64 slots per field.');
export type EnrollmentConfigInvalidError = InstanceType<typeof EnrollmentConfigInvalidError>;
export const EnrollmentNotAGovernmentError = revertError('EnrollmentNotAGovernment', ([c]) => `${c} is not an active government, so cannot accredit or withdraw verifiers.`);
export type EnrollmentNotAGovernmentError = InstanceType<typeof EnrollmentNotAGovernmentError>;
export const EnrollmentVerifierIneligibleError = revertError('EnrollmentVerifierIneligible', ([a]) => `${a} is not an active registered person or organization, so cannot verify.`);
export type EnrollmentVerifierIneligibleError = InstanceType<typeof EnrollmentVerifierIneligibleError>;
export const EnrollmentVerifierAlreadyAccreditedError = revertError('EnrollmentVerifierAlreadyAccredited', ([a]) => `${a} is already an accredited verifier.`);
export type EnrollmentVerifierAlreadyAccreditedError = InstanceType<typeof EnrollmentVerifierAlreadyAccreditedError>;
export const EnrollmentPoolFullError = revertError('EnrollmentPoolFull', () => 'The verifier pool holds 65,535 verifiers, its most.');
export type EnrollmentPoolFullError = InstanceType<typeof EnrollmentPoolFullError>;
export const EnrollmentVerifierUnknownError = revertError('EnrollmentVerifierUnknown', ([a]) => `${a} is not an accredited verifier.`);
export type EnrollmentVerifierUnknownError = InstanceType<typeof EnrollmentVerifierUnknownError>;
export const EnrollmentNotAPersonError = revertError('EnrollmentNotAPerson', ([c]) => `${c} is not an active registered person, so cannot enroll a document.`);
export type EnrollmentNotAPersonError = InstanceType<typeof EnrollmentNotAPersonError>;
export const EnrollmentSignatureExpiredError = revertError('EnrollmentSignatureExpired', ([d]) => `The signed enrollment expired at ${d} (Unix seconds); sign it again.`);
export type EnrollmentSignatureExpiredError = InstanceType<typeof EnrollmentSignatureExpiredError>;
export const EnrollmentSignatureInvalidError = revertError('EnrollmentSignatureInvalid', ([e]) => `The signature is not ${e}'s over this enrollment.`);
export type EnrollmentSignatureInvalidError = InstanceType<typeof EnrollmentSignatureInvalidError>;
export const EnrollmentCommitmentInvalidError = revertError('EnrollmentCommitmentInvalid', ([, , n]) => `A document commitment needs non-zero hashes and 1 to 32 fields (got ${n}).`);
export type EnrollmentCommitmentInvalidError = InstanceType<typeof EnrollmentCommitmentInvalidError>;
export const EnrollmentPoolTooSmallError = revertError('EnrollmentPoolTooSmall', ([n, slots, k]) => `${n} verifiers cannot cover ${slots} slots with at most ${k} fields each; accredit more verifiers.`);
export type EnrollmentPoolTooSmallError = InstanceType<typeof EnrollmentPoolTooSmallError>;
export const EnrollmentAlreadyRecordedError = revertError('EnrollmentAlreadyRecorded', ([e]) => `Enrollment ${e} is already recorded.`);
export type EnrollmentAlreadyRecordedError = InstanceType<typeof EnrollmentAlreadyRecordedError>;
export const EnrollmentUnknownError = revertError('EnrollmentUnknown', ([e]) => `No enrollment ${e}.`);
export type EnrollmentUnknownError = InstanceType<typeof EnrollmentUnknownError>;
export const EnrollmentNotOpenError = revertError('EnrollmentNotOpen', ([e, s]) => `Enrollment ${e} is ${STATUSES[s] ?? s}, no longer open.`);
export type EnrollmentNotOpenError = InstanceType<typeof EnrollmentNotOpenError>;
export const EnrollmentBeaconUnavailableError = revertError('EnrollmentBeaconUnavailable', ([e, b]) => `The beacon of enrollment ${e} (block ${b}) is not available: wait a block, or re-enroll if it is over 256 blocks old.`);
export type EnrollmentBeaconUnavailableError = InstanceType<typeof EnrollmentBeaconUnavailableError>;
export const EnrollmentNotAnIdentityProviderError = revertError('EnrollmentNotAnIdentityProvider', ([c]) => `${c} is not an active issuer or government, so cannot record confirmations.`);
export type EnrollmentNotAnIdentityProviderError = InstanceType<typeof EnrollmentNotAnIdentityProviderError>;
export const EnrollmentBatchEmptyError = revertError('EnrollmentBatchEmpty', () => 'A batch of confirmations cannot be empty.');
export type EnrollmentBatchEmptyError = InstanceType<typeof EnrollmentBatchEmptyError>;
export const EnrollmentBatchMalformedError = revertError('EnrollmentBatchMalformed', ([i]) => `The packed batch is cut short or malformed at answer ${i} (encode it with encodeConfirmationBatch).`);
export type EnrollmentBatchMalformedError = InstanceType<typeof EnrollmentBatchMalformedError>;
export const EnrollmentFieldUnknownError = revertError('EnrollmentFieldUnknown', ([e, f]) => `Enrollment ${e} has no field ${f}.`);
export type EnrollmentFieldUnknownError = InstanceType<typeof EnrollmentFieldUnknownError>;
export const EnrollmentFieldDecidedError = revertError('EnrollmentFieldDecided', ([, f, o]) => `Field ${f} is already ${OUTCOMES[o] ?? o}.`);
export type EnrollmentFieldDecidedError = InstanceType<typeof EnrollmentFieldDecidedError>;
export const EnrollmentSlotNotOpenError = revertError('EnrollmentSlotNotOpen', ([, f, s]) => `Slot ${s} of field ${f} is not open yet.`);
export type EnrollmentSlotNotOpenError = InstanceType<typeof EnrollmentSlotNotOpenError>;
export const EnrollmentSlotAnsweredError = revertError('EnrollmentSlotAnswered', ([, f, s]) => `Slot ${s} of field ${f} has already answered.`);
export type EnrollmentSlotAnsweredError = InstanceType<typeof EnrollmentSlotAnsweredError>;
export const EnrollmentCorrectionWithoutTextError = revertError('EnrollmentCorrectionWithoutText', ([f]) => `The correction of field ${f} carries no corrected text hash.`);
export type EnrollmentCorrectionWithoutTextError = InstanceType<typeof EnrollmentCorrectionWithoutTextError>;
export const EnrollmentVerifierNotAssignedError = revertError('EnrollmentVerifierNotAssigned', ([, f, s, v]) => `The confirmation is not signed by ${v}, the verifier assigned to slot ${s} of field ${f}.`);
export type EnrollmentVerifierNotAssignedError = InstanceType<typeof EnrollmentVerifierNotAssignedError>;
export const EnrollmentVerifierInactiveError = revertError('EnrollmentVerifierInactive', ([v]) => `Verifier ${v} is suspended, revoked or withdrawn.`);
export type EnrollmentVerifierInactiveError = InstanceType<typeof EnrollmentVerifierInactiveError>;
export const EnrollmentFieldNotCommittedError = revertError('EnrollmentFieldNotCommitted', ([e, f]) => `The hashes given for field ${f} are not in enrollment ${e}'s commitment.`);
export type EnrollmentFieldNotCommittedError = InstanceType<typeof EnrollmentFieldNotCommittedError>;
export const EnrollmentConfirmationNotRecordedError = revertError('EnrollmentConfirmationNotRecorded', ([e, b]) => `That confirmation is not in batch ${b} of enrollment ${e}.`);
export type EnrollmentConfirmationNotRecordedError = InstanceType<typeof EnrollmentConfirmationNotRecordedError>;
export const EnrollmentChallengeUnfoundedError = revertError('EnrollmentChallengeUnfounded', ([, b]) => `The confirmation shown from batch ${b} is sound; the challenge fails.`);
export type EnrollmentChallengeUnfoundedError = InstanceType<typeof EnrollmentChallengeUnfoundedError>;
export const EnrollmentFieldNotConfirmedError = revertError('EnrollmentFieldNotConfirmed', ([, f, o]) => `Field ${f} is ${OUTCOMES[o] ?? o}, not confirmed: the enrollment cannot be attested yet.`);
export type EnrollmentFieldNotConfirmedError = InstanceType<typeof EnrollmentFieldNotConfirmedError>;
export const EnrollmentPenaltyUnfoundedError = revertError('EnrollmentPenaltyUnfounded', ([, f, s]) => `Slot ${s} of field ${f} cannot be penalised: not a confirmation of a field found false, not its assigned verifier's, or penalised already.`);
export type EnrollmentPenaltyUnfoundedError = InstanceType<typeof EnrollmentPenaltyUnfoundedError>;
export const EnrollmentCredentialInvalidError = revertError('EnrollmentCredentialInvalid', ([c, e]) => `Credential ${c} is not a valid, certified credential of ${e} anchored by the caller.`);
export type EnrollmentCredentialInvalidError = InstanceType<typeof EnrollmentCredentialInvalidError>;

/** The class for an enrollment-registry custom error name, when the SDK knows it. */
export const enrollmentRegistryErrorClass = (errorName: string): EnrollmentErrorClass | undefined => byName.get(errorName);

/**
 * Turns whatever viem threw for an enrollment-registry call into the SDK's typed error; reverts the
 * enrollment registry does not declare fall through to `decodeRegistryError`.
 *
 * @example
 * catch (e) { throw decodeEnrollmentRegistryError(e) } // EnrollmentVerifierNotAssignedError, not "execution reverted"
 */
export function decodeEnrollmentRegistryError(error: unknown): Error {
  if (error instanceof IdentreeError) return error;
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    const name = revert?.data?.errorName;
    const Class = name ? enrollmentRegistryErrorClass(name) : undefined;
    if (Class) return new Class((revert!.data?.args ?? []) as readonly unknown[], { cause: error });
  }
  return decodeRegistryError(error);
}
