// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {CertificationLevel, EntityKind} from "./IdentityTypes.sol";

/// @title Whole-population issuance: one Merkle root per batch of identities or credentials.
/// @notice Leaves follow OpenZeppelin's StandardMerkleTree (double-hashed ABI encodings):
/// identities `(address account, uint8 kind, uint32 index)`, credentials
/// `(uint32 index, address subject, bytes32 commitment)`. Identities become tokens lazily, when
/// first claimed, by anyone (a relayer may pay). Batch credentials are revoked by a bitmap.
interface IPopulationBatches {
    /// @notice The batch is empty, too large, or its published leaves do not match its size.
    error BatchInvalidSize(uint256 size, uint256 leavesLength);
    /// @notice The root is zero.
    error BatchEmptyRoot();
    /// @notice No batch has this id.
    error BatchNotFound(uint256 batchId);
    /// @notice The Merkle proof does not place this entry in the batch.
    error BatchInvalidProof(uint256 batchId, uint256 index);
    /// @notice The index is outside the batch.
    error BatchIndexOutOfRange(uint256 batchId, uint256 index);
    /// @notice The caller did not anchor this batch.
    error BatchNotIssuer(address caller, uint256 batchId);
    /// @notice This identity root is already anchored (by `batchId`); a root can only have one registrar.
    error BatchRootAlreadyAnchored(bytes32 root, uint256 batchId);
    /// @notice The batch credential is already revoked.
    error BatchCredentialAlreadyRevoked(uint256 batchId, uint256 index);

    struct IdentityBatch {
        bytes32 root;
        address registrar;
        uint32 size;
        uint40 anchoredAt;
    }

    struct CredentialBatch {
        bytes32 root;
        address issuer;
        uint8 credentialType;
        CertificationLevel level;
        uint32 validFrom;
        uint32 validUntil;
        uint32 size;
    }

    event IdentityBatchAnchored(uint256 indexed batchId, address indexed registrar, bytes32 root, uint32 size);
    event IdentityClaimed(uint256 indexed batchId, address indexed account, uint32 index);
    event CredentialBatchAnchored(
        uint256 indexed batchId,
        address indexed issuer,
        uint8 indexed credentialType,
        bytes32 root,
        uint32 size,
        CertificationLevel level
    );
    event BatchCredentialRevoked(uint256 indexed batchId, uint256 indexed index);

    /// @notice Anchors a batch of future identities. `leaves` (optional, `size` × 32 bytes) publishes
    /// the leaf hashes in calldata so anyone can rebuild every proof; it is not stored.
    function anchorIdentityBatch(bytes32 root, uint32 size, bytes calldata leaves) external returns (uint256 batchId);

    /// @notice Turns a batch entry into a registered entity with its identity token. Anyone may call.
    function claimIdentity(uint256 batchId, address account, EntityKind kind, uint32 index, bytes32[] calldata proof)
        external
        returns (uint256 tokenId);

    /// @notice Anchors a batch of credentials of one type and validity window. The caller is the issuer.
    function anchorCredentialBatch(
        bytes32 root,
        uint32 size,
        uint8 credentialType,
        uint32 validFrom,
        uint32 validUntil,
        bytes calldata leaves
    ) external returns (uint256 batchId);

    /// @notice Revokes one credential of a batch the caller anchored.
    function revokeBatchCredential(uint256 batchId, uint32 index) external;

    function identityBatch(uint256 batchId) external view returns (IdentityBatch memory);

    function credentialBatch(uint256 batchId) external view returns (CredentialBatch memory);

    function isBatchCredentialRevoked(uint256 batchId, uint32 index) external view returns (bool);

    /// @notice Membership proven, not revoked, inside the window now.
    function isBatchCredentialValid(
        uint256 batchId,
        uint32 index,
        address subject,
        bytes32 commitment,
        bytes32[] calldata proof
    ) external view returns (bool);
}
