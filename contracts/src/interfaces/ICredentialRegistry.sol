// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {CertificationLevel, Credential, CredentialRequest, CredentialTypeRules} from "./IdentityTypes.sol";

/// @title The credential registry: commitments anchored by registered issuers.
/// @notice A credential's id is `keccak256(abi.encode(issuer, commitment))`. Only the commitment
/// (a root of salted attribute hashes) goes on chain, never an attribute value.
interface ICredentialRegistry {
    /// @notice `credentialType` has not been defined by the root authority.
    error CredentialTypeUnknown(uint8 credentialType);
    /// @notice The type id space (1..255) is exhausted.
    error CredentialTypeLimitReached();
    /// @notice The type name is empty or already used.
    error CredentialTypeNameInvalid(bytes32 name);
    /// @notice `issuer` may not issue credentials of `credentialType`.
    error CredentialIssuerNotEntitled(address issuer, uint8 credentialType);
    /// @notice The commitment is zero.
    error CredentialEmptyCommitment();
    /// @notice The validity window is empty or already over.
    error CredentialInvalidWindow(uint32 validFrom, uint32 validUntil);
    /// @notice A credential with this id already exists.
    error CredentialAlreadyAnchored(bytes32 uid);
    /// @notice No credential has this id (or the caller is not its issuer).
    error CredentialNotFound(bytes32 uid);
    /// @notice The credential is revoked.
    error CredentialAlreadyRevoked(bytes32 uid);
    /// @notice `source` is not a valid credential of type `sourceType` held by `subject`.
    error CredentialInvalidSource(bytes32 source, uint8 sourceType, address subject);
    /// @notice `parent` cannot be linked as a parent of `subject`.
    error CredentialInvalidParent(address parent, address subject);
    /// @notice The credential type does not accept this operation.
    error CredentialOperationNotSupported(bytes32 uid, uint8 credentialType);
    /// @notice `caller` does not hold credential `uid`.
    error CredentialNotHolder(address caller, bytes32 uid);
    /// @notice The transfer to `to` was not requested by the holder.
    error CredentialTransferNotRequested(bytes32 uid, address to);
    /// @notice Only a government may accredit; `caller` is not an active one.
    error CredentialAccreditorNotGovernment(address caller);
    /// @notice `issuer` is not an active entity of a kind that issues credentials.
    error CredentialNotAnIssuer(address issuer);
    /// @notice `caller` did not accredit `issuer` for the type and is not root.
    error CredentialAccreditationNotOwned(address caller, address issuer, uint8 credentialType);

    event CredentialTypeDefined(uint8 indexed credentialType, bytes32 name, CredentialTypeRules rules);
    event IssuerAccredited(address indexed issuer, uint8 indexed credentialType, address indexed government);
    event IssuerAccreditationRevoked(address indexed issuer, uint8 indexed credentialType, address indexed by);
    event CredentialAnchored(
        bytes32 indexed uid,
        address indexed issuer,
        address indexed subject,
        uint8 credentialType,
        bytes32 commitment,
        uint32 validFrom,
        uint32 validUntil,
        CertificationLevel level
    );
    event CredentialDerived(bytes32 indexed uid, bytes32 indexed source);
    event ParentsLinked(bytes32 indexed uid, address indexed father, address indexed mother);
    event AchievementAdded(bytes32 indexed uid, bytes32 indexed achievement, uint32 index);
    /// @dev `issuer` is whoever revoked: the issuer itself, or a registrar above it (`revokeCredentialOf`).
    event CredentialRevoked(bytes32 indexed uid, address indexed issuer);
    event CredentialTransferRequested(bytes32 indexed uid, address indexed from, address indexed to);
    event CredentialTransferred(bytes32 indexed uid, address indexed from, address indexed to);

    /// @notice Defines a credential type. Root only. Types 1 to 4 exist from deployment:
    /// BirthCertificate, ScholarCurriculum, Passport and CarTitle.
    function defineCredentialType(bytes32 name, CredentialTypeRules calldata rules)
        external
        returns (uint8 credentialType);

    function credentialTypeRules(uint8 credentialType) external view returns (CredentialTypeRules memory);

    function credentialTypeName(uint8 credentialType) external view returns (bytes32);

    function credentialTypeCount() external view returns (uint8);

    /// @notice An active government accredits `issuer` for `credentialType`.
    function accreditIssuer(address issuer, uint8 credentialType) external;

    /// @notice Withdraws an accreditation. The accrediting government or root.
    function revokeAccreditation(address issuer, uint8 credentialType) external;

    /// @notice The government that accredited `issuer` for `credentialType`, or zero.
    function accreditationOf(address issuer, uint8 credentialType) external view returns (address);

    /// @notice The level a credential of `credentialType` from `issuer` would get now.
    function certificationLevelOf(address issuer, uint8 credentialType) external view returns (CertificationLevel);

    /// @notice Anchors a credential. The caller is the issuer.
    function anchorCredential(CredentialRequest calldata request) external returns (bytes32 uid);

    /// @notice Anchors a credential and links the subject's parents (zero for unknown). Governments only.
    function anchorBirthCertificate(CredentialRequest calldata request, address father, address mother)
        external
        returns (bytes32 uid);

    /// @notice Appends an achievement commitment to an appendable credential the caller issued.
    /// @dev Achievements form an append-only hash chain per credential (see `achievementLog`), so an
    /// append rewrites one existing slot instead of allocating one.
    function addAchievement(bytes32 commitment, bytes32 achievement) external;

    /// @notice Revokes a credential the caller issued.
    function revokeCredential(bytes32 commitment) external;

    /// @notice Revokes a credential `issuer` anchored, by root or an active registrar above `issuer`: the
    /// remedy when an issuer's key was stolen, or its credentials must fall with it. The event's second
    /// topic names the registrar that revoked, not the issuer.
    function revokeCredentialOf(address issuer, bytes32 commitment) external;

    /// @notice The holder of an asset credential asks to hand it to `to`.
    function requestCredentialTransfer(bytes32 uid, address to) external;

    /// @notice The issuer approves a requested transfer; ownership moves and the history event is emitted.
    function approveCredentialTransfer(bytes32 commitment, address to) external;

    /// @notice `keccak256(abi.encode(issuer, commitment))`.
    function credentialId(address issuer, bytes32 commitment) external pure returns (bytes32);

    /// @notice The record of `uid` (all zero when unknown).
    function credential(bytes32 uid) external view returns (Credential memory);

    /// @notice Anchored, not revoked, and inside its validity window now.
    function isCredentialValid(bytes32 uid) external view returns (bool);

    /// @notice Head of the achievement hash chain and the number of achievements.
    /// @dev `head_0 = bytes28(uid)`, `head_n = bytes28(keccak256(abi.encode(head_{n-1}, achievement_n)))`.
    /// A verifier replays `AchievementAdded` events and compares heads to prove membership.
    function achievementLog(bytes32 uid) external view returns (bytes28 head, uint32 count);

    function pendingTransferOf(bytes32 uid) external view returns (address);

    /// @notice When the current holder received `uid` by an approved transfer; 0 if it never moved (held
    /// since anchoring). The holder registry refuses grants older than this, so a grant never outlives
    /// a holding and never revives when the credential returns.
    function heldSince(bytes32 uid) external view returns (uint256);
}
