import type { ContractErrorArgs, ContractErrorName } from 'viem';
import { BaseError as ViemBaseError, ContractFunctionRevertedError, decodeErrorResult } from 'viem';
import { holderRegistryAbi, identityRegistryAbi } from '@identree/abi';
import { IdentreeError } from './base.js';
import { HolderSignatureExpiredError, HolderSignatureInvalidError, KeyRetiredError, RegistryRevertError, registryErrorClass } from './registry.js';
import { decodeRegistryError } from './decodeRegistryError.js';

type Abi = typeof holderRegistryAbi;
export type HolderRegistryErrorName = ContractErrorName<Abi>;
export type HolderRegistryErrorArgs<N extends HolderRegistryErrorName> = ContractErrorArgs<Abi, N>;

type Describe<N extends HolderRegistryErrorName> = (args: HolderRegistryErrorArgs<N>) => string;
type HolderErrorClass = new (args: any, options?: { cause?: unknown; details?: string }) => RegistryRevertError;

const byName = new Map<string, HolderErrorClass>();

/**
 * One class per custom error of the holder registry, in the manner of `errors/registry.ts`. They
 * extend `RegistryRevertError`, so code that handles registry reverts (the service's error table)
 * handles these by `errorName` too.
 */
function revertError<const N extends HolderRegistryErrorName>(errorName: N, describe: Describe<N>) {
  const Class = class extends RegistryRevertError {
    static readonly errorName = errorName;
    constructor(args: HolderRegistryErrorArgs<N>, options: { cause?: unknown; details?: string } = {}) {
      super(errorName as never, args as never, describe(args), options);
      this.name = `${errorName}Error`;
    }
  };
  Object.defineProperty(Class, 'name', { value: `${errorName}Error` });
  byName.set(errorName, Class as unknown as HolderErrorClass);
  return Class;
}

// Consent
export const ConsentInvalidDurationError = revertError('ConsentInvalidDuration', ([d, max]) => `A grant lasts 1 to ${max} seconds, not ${d}.`);
export type ConsentInvalidDurationError = InstanceType<typeof ConsentInvalidDurationError>;
export const ConsentInvalidVerifierError = revertError('ConsentInvalidVerifier', ([v]) => `${v} cannot be granted access: it is zero or the holder itself.`);
export type ConsentInvalidVerifierError = InstanceType<typeof ConsentInvalidVerifierError>;
export const ConsentInvalidAttributesError = revertError('ConsentInvalidAttributes', ([a]) => `${a} is not an attributes digest: a digest ends in five zero bytes (use attributesDigest(names), or WHOLE_CREDENTIAL).`);
export type ConsentInvalidAttributesError = InstanceType<typeof ConsentInvalidAttributesError>;
export const ConsentGrantNotFoundError = revertError('ConsentGrantNotFound', ([h, v, u]) => `${h} has no live grant to ${v} for credential ${u}.`);
export type ConsentGrantNotFoundError = InstanceType<typeof ConsentGrantNotFoundError>;
export const ConsentSignatureExpiredError = revertError('ConsentSignatureExpired', ([d]) => `The holder's signed consent expired at ${d} (unix seconds); ask the holder to sign again.`);
export type ConsentSignatureExpiredError = InstanceType<typeof ConsentSignatureExpiredError>;
export const ConsentSignatureInvalidError = revertError('ConsentSignatureInvalid', ([h]) => `The signature is not ${h}'s current key's over this message at its current nonce: another signer, an altered message, or a message already used.`);
export type ConsentSignatureInvalidError = InstanceType<typeof ConsentSignatureInvalidError>;

// Key bindings
// KeyRetired is raised by the registry too (every authority action resolves its caller's key), so its
// class lives with the registry's; the holder registry decodes it to that same class.
byName.set('KeyRetired', KeyRetiredError as unknown as HolderErrorClass);
export const KeyInvalidError = revertError('KeyInvalid', ([k]) => `${k} cannot take control of an identity: it is zero, a registered entity, or already used as a key.`);
export type KeyInvalidError = InstanceType<typeof KeyInvalidError>;
export const KeySignatureInvalidError = revertError('KeySignatureInvalid', ([k]) => `The new key ${k}'s proof of possession does not sign this change.`);
export type KeySignatureInvalidError = InstanceType<typeof KeySignatureInvalidError>;
export const KeySignatureExpiredError = revertError('KeySignatureExpired', ([d]) => `The new key's proof of possession expired at ${d} (unix seconds).`);
export type KeySignatureExpiredError = InstanceType<typeof KeySignatureExpiredError>;
export const KeyUnknownIdentityError = revertError('KeyUnknownIdentity', ([i]) => `${i} is not a registered entity.`);
export type KeyUnknownIdentityError = InstanceType<typeof KeyUnknownIdentityError>;
export const KeyNotInRegistrationChainError = revertError('KeyNotInRegistrationChain', ([c, i]) => `${c} is neither root nor an active registrar above ${i}.`);
export type KeyNotInRegistrationChainError = InstanceType<typeof KeyNotInRegistrationChainError>;

// Guardians and recovery
export const GuardianInvalidError = revertError('GuardianInvalid', ([g]) => `${g} cannot be a guardian: it is zero, the identity itself, or not an active registered entity.`);
export type GuardianInvalidError = InstanceType<typeof GuardianInvalidError>;
export const GuardianDuplicateError = revertError('GuardianDuplicate', ([g]) => `${g} is already a guardian.`);
export type GuardianDuplicateError = InstanceType<typeof GuardianDuplicateError>;
export const GuardianNotFoundError = revertError('GuardianNotFound', ([g]) => `${g} is not a guardian.`);
export type GuardianNotFoundError = InstanceType<typeof GuardianNotFoundError>;
export const GuardianThresholdInvalidError = revertError('GuardianThresholdInvalid', ([t, n]) => `A threshold of ${t} is invalid for ${n} guardians (it must be 1 to ${n}, or 0 with none).`);
export type GuardianThresholdInvalidError = InstanceType<typeof GuardianThresholdInvalidError>;
export const GuardianSetFullError = revertError('GuardianSetFull', ([max]) => `A guardian set holds at most ${max} guardians.`);
export type GuardianSetFullError = InstanceType<typeof GuardianSetFullError>;
export const RecoveryNotGuardianError = revertError('RecoveryNotGuardian', ([c, i]) => `${c} is not an active guardian of ${i}.`);
export type RecoveryNotGuardianError = InstanceType<typeof RecoveryNotGuardianError>;
export const RecoveryAlreadyApprovedError = revertError('RecoveryAlreadyApproved', ([g, r]) => `${g} already approved recovery ${r}.`);
export type RecoveryAlreadyApprovedError = InstanceType<typeof RecoveryAlreadyApprovedError>;
export const RecoveryNotReadyError = revertError('RecoveryNotReady', ([r, at]) =>
  at === 0n ? `Recovery ${r} has fewer approvals than the threshold.` : `Recovery ${r} may be finalized from ${at} (unix seconds), not before.`,
);
export type RecoveryNotReadyError = InstanceType<typeof RecoveryNotReadyError>;

// Compromise reports
export const CompromiseTimeInvalidError = revertError('CompromiseTimeInvalid', ([a, since]) => `A compromise of ${a} cannot start at ${since} (unix seconds): it must be after 0 and not in the future.`);
export type CompromiseTimeInvalidError = InstanceType<typeof CompromiseTimeInvalidError>;
export const CompromiseNotCutOffError = revertError('CompromiseNotCutOff', ([a]) => `${a} is not suspended or revoked: suspend or revoke it in the identity registry first, then report the compromise.`);
export type CompromiseNotCutOffError = InstanceType<typeof CompromiseNotCutOffError>;
export const CompromiseAlreadyReportedError = revertError('CompromiseAlreadyReported', ([a]) => `${a} already has a compromise report; revoke a later incident's credentials one by one (revokeCredentialOf).`);
export type CompromiseAlreadyReportedError = InstanceType<typeof CompromiseAlreadyReportedError>;

// Relayed authority calls
export const RelayCallNotAllowedError = revertError('RelayCallNotAllowed', ([selector]) => `The call ${selector} cannot be relayed: it is shorter than a selector, or the holder registry's own hook into the identity registry.`);
export type RelayCallNotAllowedError = InstanceType<typeof RelayCallNotAllowedError>;

// Relayed holder messages (guardians, approvals, cancels, rotation): the holder registry raises the
// identity registry's errors, same names and selectors, so one class each serves both contracts.
export { HolderSignatureExpiredError, HolderSignatureInvalidError };
byName.set('HolderSignatureExpired', HolderSignatureExpiredError as unknown as HolderErrorClass);
byName.set('HolderSignatureInvalid', HolderSignatureInvalidError as unknown as HolderErrorClass);

/** The class for a holder-registry custom error name, when the SDK knows it. */
export const holderRegistryErrorClass = (errorName: string): HolderErrorClass | undefined => byName.get(errorName);

/**
 * Turns whatever viem threw for a holder-registry call into the SDK's typed error; reverts the
 * holder registry does not declare fall through to `decodeRegistryError`.
 *
 * @example
 * catch (e) { throw decodeHolderRegistryError(e) } // ConsentInvalidDurationError, not "execution reverted"
 */
export function decodeHolderRegistryError(error: unknown): Error {
  if (error instanceof IdentreeError) return error;
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    const name = revert?.data?.errorName;
    const Class = name ? holderRegistryErrorClass(name) : undefined;
    if (Class) return new Class((revert!.data?.args ?? []) as readonly unknown[], { cause: error });
    // A relayed authority call re-raises the identity registry's own revert, which is not in this ABI.
    if (revert && !name && revert.raw) {
      try {
        const decoded = decodeErrorResult({ abi: identityRegistryAbi, data: revert.raw });
        const RegistryClass = registryErrorClass(decoded.errorName);
        if (RegistryClass) return new RegistryClass((decoded.args ?? []) as readonly unknown[], { cause: error });
      } catch {
        // Not one of the registry's errors either: described below as it came.
      }
    }
  }
  return decodeRegistryError(error);
}
