import type { ContractErrorArgs, ContractErrorName } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { IdentreeError } from './base.js';
import { EntityKind, EntityStatus, nameOf } from '../types.js';

type Abi = typeof identityRegistryAbi;
export type RegistryErrorName = ContractErrorName<Abi>;
export type RegistryErrorArgs<N extends RegistryErrorName> = ContractErrorArgs<Abi, N>;

/** A revert of the registry, decoded: `errorName` and `args` are the custom error's. */
export class RegistryRevertError<N extends RegistryErrorName = RegistryErrorName> extends IdentreeError {
  override name = 'RegistryRevertError';
  constructor(
    readonly errorName: N,
    readonly args: RegistryErrorArgs<N>,
    message: string,
    options: { cause?: unknown; details?: string } = {},
  ) {
    super(message, options);
  }
}

type Describe<N extends RegistryErrorName> = (args: RegistryErrorArgs<N>) => string;
type RegistryErrorClass = (new (args: any, options?: { cause?: unknown; details?: string }) => RegistryRevertError) & {
  readonly errorName: RegistryErrorName;
};

const byName = new Map<string, RegistryErrorClass>();

/** Builds one error class per custom error; the class name is what callers catch. */
function revertError<const N extends RegistryErrorName>(errorName: N, describe: Describe<N>) {
  const Class = class extends RegistryRevertError<N> {
    static readonly errorName = errorName;
    constructor(args: RegistryErrorArgs<N>, options: { cause?: unknown; details?: string } = {}) {
      super(errorName, args, describe(args), options);
      this.name = `${errorName}Error`;
    }
  };
  Object.defineProperty(Class, 'name', { value: `${errorName}Error` });
  byName.set(errorName, Class as unknown as RegistryErrorClass);
  return Class;
}

const kind = (k: number) => String(nameOf(EntityKind, k));
const status = (s: number) => String(nameOf(EntityStatus, s));

// Root authority
export const RootUnauthorizedAccountError = revertError('RootUnauthorizedAccount', ([a]) => `${a} is not the root authority.`);
export type RootUnauthorizedAccountError = InstanceType<typeof RootUnauthorizedAccountError>;
export const RootNotPendingError = revertError('RootNotPending', ([a, p]) => `${a} is not the pending root (pending: ${p}).`);
export type RootNotPendingError = InstanceType<typeof RootNotPendingError>;
export const RootNotAGovernmentError = revertError('RootNotAGovernment', ([a]) => `${a} is not an active government, so it cannot become root.`);
export type RootNotAGovernmentError = InstanceType<typeof RootNotAGovernmentError>;

// Entities
export const EntityZeroAddressError = revertError('EntityZeroAddress', () => 'The zero address cannot be registered.');
export type EntityZeroAddressError = InstanceType<typeof EntityZeroAddressError>;
export const EntityAlreadyRegisteredError = revertError('EntityAlreadyRegistered', ([a]) => `${a} is already registered.`);
export type EntityAlreadyRegisteredError = InstanceType<typeof EntityAlreadyRegisteredError>;
export const EntityNotRegisteredError = revertError('EntityNotRegistered', ([a]) => `${a} is not a registered entity.`);
export type EntityNotRegisteredError = InstanceType<typeof EntityNotRegisteredError>;
export const EntityNotActiveError = revertError('EntityNotActive', ([a, s]) => `${a} is ${status(s)}, not active.`);
export type EntityNotActiveError = InstanceType<typeof EntityNotActiveError>;
export const EntityKindNotAllowedError = revertError('EntityKindNotAllowed', ([r, rk, k]) => `${r} (${kind(rk)}) may not register a ${kind(k)}.`);
export type EntityKindNotAllowedError = InstanceType<typeof EntityKindNotAllowedError>;
export const EntityNotInRegistrationChainError = revertError('EntityNotInRegistrationChain', ([c, a]) => `${c} is not in the registration chain of ${a}.`);
export type EntityNotInRegistrationChainError = InstanceType<typeof EntityNotInRegistrationChainError>;
export const EntityInvalidStatusChangeError = revertError('EntityInvalidStatusChange', ([a, s]) => `${a} cannot change status from ${status(s)} (the root's status never changes).`);
export type EntityInvalidStatusChangeError = InstanceType<typeof EntityInvalidStatusChangeError>;
export const KeyRetiredError = revertError('KeyRetired', ([k]) => `${k} once controlled an identity and no longer does: sign with the identity's current key.`);
export type KeyRetiredError = InstanceType<typeof KeyRetiredError>;
export const EntityKeyInUseError = revertError('EntityKeyInUse', ([a]) => `${a} is or was a key bound to an identity, so it cannot be registered as an entity.`);
export type EntityKeyInUseError = InstanceType<typeof EntityKeyInUseError>;

// Identity token
export const IdentityTokenSoulboundError = revertError('IdentityTokenSoulbound', ([t]) => `Identity token ${t} is soulbound: it cannot be transferred or approved.`);
export type IdentityTokenSoulboundError = InstanceType<typeof IdentityTokenSoulboundError>;
export const ERC721NonexistentTokenError = revertError('ERC721NonexistentToken', ([t]) => `Identity token ${t} does not exist.`);
export type ERC721NonexistentTokenError = InstanceType<typeof ERC721NonexistentTokenError>;
export const ERC721InvalidOwnerError = revertError('ERC721InvalidOwner', ([o]) => `${o} is not a valid token owner.`);
export type ERC721InvalidOwnerError = InstanceType<typeof ERC721InvalidOwnerError>;

// Credentials
export const CredentialTypeUnknownError = revertError('CredentialTypeUnknown', ([t]) => `Credential type ${t} is not defined.`);
export type CredentialTypeUnknownError = InstanceType<typeof CredentialTypeUnknownError>;
export const CredentialTypeLimitReachedError = revertError('CredentialTypeLimitReached', () => 'All 255 credential type ids are in use.');
export type CredentialTypeLimitReachedError = InstanceType<typeof CredentialTypeLimitReachedError>;
export const CredentialTypeNameInvalidError = revertError('CredentialTypeNameInvalid', ([n]) => `Credential type name ${n} is empty or already used.`);
export type CredentialTypeNameInvalidError = InstanceType<typeof CredentialTypeNameInvalidError>;
export const CredentialIssuerNotEntitledError = revertError('CredentialIssuerNotEntitled', ([i, t]) => `${i} is not entitled to issue credentials of type ${t}.`);
export type CredentialIssuerNotEntitledError = InstanceType<typeof CredentialIssuerNotEntitledError>;
export const CredentialEmptyCommitmentError = revertError('CredentialEmptyCommitment', () => 'The credential commitment is zero.');
export type CredentialEmptyCommitmentError = InstanceType<typeof CredentialEmptyCommitmentError>;
export const CredentialInvalidWindowError = revertError('CredentialInvalidWindow', ([f, u]) => `Validity window [${f}, ${u}) is empty or already over.`);
export type CredentialInvalidWindowError = InstanceType<typeof CredentialInvalidWindowError>;
export const CredentialAlreadyAnchoredError = revertError('CredentialAlreadyAnchored', ([u]) => `Credential ${u} is already anchored.`);
export type CredentialAlreadyAnchoredError = InstanceType<typeof CredentialAlreadyAnchoredError>;
export const CredentialNotFoundError = revertError('CredentialNotFound', ([u]) => `No credential ${u} (or the caller did not issue it).`);
export type CredentialNotFoundError = InstanceType<typeof CredentialNotFoundError>;
export const CredentialAlreadyRevokedError = revertError('CredentialAlreadyRevoked', ([u]) => `Credential ${u} is revoked.`);
export type CredentialAlreadyRevokedError = InstanceType<typeof CredentialAlreadyRevokedError>;
export const CredentialInvalidSourceError = revertError('CredentialInvalidSource', ([s, t, subj]) => `Source ${s} is not a valid credential of type ${t} held by ${subj}.`);
export type CredentialInvalidSourceError = InstanceType<typeof CredentialInvalidSourceError>;
export const CredentialInvalidParentError = revertError('CredentialInvalidParent', ([p, s]) => `${p} cannot be linked as a parent of ${s}.`);
export type CredentialInvalidParentError = InstanceType<typeof CredentialInvalidParentError>;
export const CredentialOperationNotSupportedError = revertError('CredentialOperationNotSupported', ([u, t]) => `Credential type ${t} does not support this operation (credential ${u}).`);
export type CredentialOperationNotSupportedError = InstanceType<typeof CredentialOperationNotSupportedError>;
export const CredentialNotHolderError = revertError('CredentialNotHolder', ([c, u]) => `${c} does not hold credential ${u}.`);
export type CredentialNotHolderError = InstanceType<typeof CredentialNotHolderError>;
export const CredentialTransferNotRequestedError = revertError('CredentialTransferNotRequested', ([u, t]) => `No transfer of ${u} to ${t} was requested by its holder.`);
export type CredentialTransferNotRequestedError = InstanceType<typeof CredentialTransferNotRequestedError>;
export const CredentialAccreditorNotGovernmentError = revertError('CredentialAccreditorNotGovernment', ([c]) => `${c} is not an active government, so it cannot accredit.`);
export type CredentialAccreditorNotGovernmentError = InstanceType<typeof CredentialAccreditorNotGovernmentError>;
export const CredentialNotAnIssuerError = revertError('CredentialNotAnIssuer', ([i]) => `${i} is not an active entity of a kind that issues credentials.`);
export type CredentialNotAnIssuerError = InstanceType<typeof CredentialNotAnIssuerError>;
export const CredentialAccreditationNotOwnedError = revertError('CredentialAccreditationNotOwned', ([c, i, t]) => `${c} did not accredit ${i} for type ${t} and is not root.`);
export type CredentialAccreditationNotOwnedError = InstanceType<typeof CredentialAccreditationNotOwnedError>;

// Identity tree
export const TreeNotCredentialHolderError = revertError('TreeNotCredentialHolder', ([h, u]) => `${h} is not the holder of credential ${u}.`);
export type TreeNotCredentialHolderError = InstanceType<typeof TreeNotCredentialHolderError>;
export const TreeAlreadyLinkedError = revertError('TreeAlreadyLinked', ([u]) => `Credential ${u} is already linked.`);
export type TreeAlreadyLinkedError = InstanceType<typeof TreeAlreadyLinkedError>;
export const TreeNotLinkedError = revertError('TreeNotLinked', ([u]) => `Credential ${u} is not linked.`);
export type TreeNotLinkedError = InstanceType<typeof TreeNotLinkedError>;

/** The class for a custom error name, when the SDK knows it. */
export const registryErrorClass = (errorName: string): RegistryErrorClass | undefined => byName.get(errorName);

// Population batches
export const BatchInvalidSizeError = revertError('BatchInvalidSize', ([s, l]) => `A batch of ${s} entries is empty or too large, or its published leaves (${l} bytes) are not 32 bytes per entry.`);
export type BatchInvalidSizeError = InstanceType<typeof BatchInvalidSizeError>;
export const BatchEmptyRootError = revertError('BatchEmptyRoot', () => 'The batch root is zero.');
export type BatchEmptyRootError = InstanceType<typeof BatchEmptyRootError>;
export const BatchNotFoundError = revertError('BatchNotFound', ([b]) => `No batch ${b}.`);
export type BatchNotFoundError = InstanceType<typeof BatchNotFoundError>;
export const BatchInvalidProofError = revertError('BatchInvalidProof', ([b, i]) => `The proof does not place this entry at index ${i} of batch ${b}.`);
export type BatchInvalidProofError = InstanceType<typeof BatchInvalidProofError>;
export const BatchIndexOutOfRangeError = revertError('BatchIndexOutOfRange', ([b, i]) => `Index ${i} is outside batch ${b}.`);
export type BatchIndexOutOfRangeError = InstanceType<typeof BatchIndexOutOfRangeError>;
export const BatchNotIssuerError = revertError('BatchNotIssuer', ([c, b]) => `${c} did not anchor batch ${b}.`);
export type BatchNotIssuerError = InstanceType<typeof BatchNotIssuerError>;
export const BatchRootAlreadyAnchoredError = revertError('BatchRootAlreadyAnchored', ([r, b]) => `Identity root ${r} is already anchored as batch ${b}.`);
export type BatchRootAlreadyAnchoredError = InstanceType<typeof BatchRootAlreadyAnchoredError>;
export const BatchCredentialAlreadyRevokedError = revertError('BatchCredentialAlreadyRevoked', ([b, i]) => `Credential ${i} of batch ${b} is already revoked.`);
export type BatchCredentialAlreadyRevokedError = InstanceType<typeof BatchCredentialAlreadyRevokedError>;

// Holder signatures
export const HolderSignatureExpiredError = revertError('HolderSignatureExpired', ([d]) => `The holder's signed message expired at ${d} (unix seconds); ask the holder to sign a new one.`);
export type HolderSignatureExpiredError = InstanceType<typeof HolderSignatureExpiredError>;
export const HolderSignatureInvalidError = revertError('HolderSignatureInvalid', ([h]) => `The signature is not ${h}'s over this message at its current nonce: another signer, an altered message, or a message already used.`);
export type HolderSignatureInvalidError = InstanceType<typeof HolderSignatureInvalidError>;
