// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {IPopulationBatches} from "../interfaces/IPopulationBatches.sol";
import {CertificationLevel, Entity, EntityKind, EntityStatus} from "../interfaces/IdentityTypes.sol";
import {IdentityTree} from "./IdentityTree.sol";

/// @dev One root per batch instead of one transaction per citizen. Leaf data, when published, rides in
/// calldata only: it buys public availability of every proof at 16 gas a byte, with no storage.
abstract contract PopulationBatches is IdentityTree, IPopulationBatches {
    using BitMaps for BitMaps.BitMap;

    /// @dev Bounds proof depth (16). A published leaf list must also fit the chain's transaction
    /// limits: about 13,000 leaves under Osaka's 16.7M-gas cap, so large batches skip publication.
    uint32 internal constant MAX_BATCH_SIZE = 1 << 16;

    mapping(uint256 batchId => IdentityBatch batch) private _identityBatches;
    mapping(uint256 batchId => CredentialBatch batch) private _credentialBatches;
    mapping(uint256 batchId => BitMaps.BitMap revoked) private _batchRevocations;
    mapping(bytes32 root => uint256 batchId) private _identityBatchOfRoot;
    uint256 private _identityBatchCount;
    uint256 private _credentialBatchCount;

    /// @inheritdoc IPopulationBatches
    function anchorIdentityBatch(bytes32 root, uint32 size, bytes calldata leaves) external returns (uint256 batchId) {
        address caller = _actor();
        Entity storage registrar = _requireActive(caller);
        // A batch registers people and organizations, so its anchor needs that right.
        if (!canRegister(registrar.kind, EntityKind.Person)) {
            revert EntityKindNotAllowed(caller, registrar.kind, EntityKind.Person);
        }
        _requireBatchShape(root, size, leaves.length);
        // Leaves do not name their registrar, and published leaves are public: without this, another
        // registrar could anchor the same root and claim the citizens as its own registrations.
        uint256 existing = _identityBatchOfRoot[root];
        if (existing != 0) revert BatchRootAlreadyAnchored(root, existing);
        batchId = ++_identityBatchCount;
        _identityBatchOfRoot[root] = batchId;
        _identityBatches[batchId] =
            IdentityBatch({root: root, registrar: caller, size: size, anchoredAt: uint40(block.timestamp)});
        emit IdentityBatchAnchored(batchId, caller, root, size);
    }

    /// @inheritdoc IPopulationBatches
    function claimIdentity(uint256 batchId, address account, EntityKind kind, uint32 index, bytes32[] calldata proof)
        external
        returns (uint256 tokenId)
    {
        IdentityBatch storage batch = _identityBatches[batchId];
        bytes32 root = batch.root;
        if (root == bytes32(0)) revert BatchNotFound(batchId);
        if (index >= batch.size) revert BatchIndexOutOfRange(batchId, index);
        address registrarAccount = batch.registrar;
        // The registrar must still stand: a suspended government's batches stop minting.
        Entity storage registrar = _requireActive(registrarAccount);
        if (!canRegister(registrar.kind, kind)) revert EntityKindNotAllowed(registrarAccount, registrar.kind, kind);
        if (account == address(0)) revert EntityZeroAddress();
        if (_entities[account].status != EntityStatus.None) revert EntityAlreadyRegistered(account);
        if (_wasEverBound(account)) revert EntityKeyInUse(account);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, kind, index))));
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert BatchInvalidProof(batchId, index);
        tokenId = _mintIdentity(account, registrarAccount, kind);
        emit IdentityClaimed(batchId, account, index);
    }

    /// @inheritdoc IPopulationBatches
    function anchorCredentialBatch(
        bytes32 root,
        uint32 size,
        uint8 credentialType,
        uint32 validFrom,
        uint32 validUntil,
        bytes calldata leaves
    ) external returns (uint256 batchId) {
        address issuerAccount = _actor();
        EntityKind kind = _requireActive(issuerAccount).kind;
        if (kind != EntityKind.Government && kind != EntityKind.Issuer && kind != EntityKind.Organization) {
            revert CredentialNotAnIssuer(issuerAccount);
        }
        TypeRecord memory rules = _requireType(credentialType);
        // Types that need per-credential relations (a source credential, an achievement log) are
        // anchored one by one; a batch carries nothing but membership.
        if (rules.sourceType != 0 || rules.appendable || rules.transferable) {
            revert CredentialOperationNotSupported(bytes32(0), credentialType);
        }
        CertificationLevel level = certificationLevelOf(issuerAccount, credentialType);
        if (rules.governmentOnly && level != CertificationLevel.GovernmentCertified) {
            revert CredentialIssuerNotEntitled(issuerAccount, credentialType);
        }
        if (validUntil <= validFrom || validUntil <= block.timestamp) {
            revert CredentialInvalidWindow(validFrom, validUntil);
        }
        _requireBatchShape(root, size, leaves.length);
        batchId = ++_credentialBatchCount;
        _credentialBatches[batchId] = CredentialBatch({
            root: root,
            issuer: issuerAccount,
            credentialType: credentialType,
            level: level,
            validFrom: validFrom,
            validUntil: validUntil,
            size: size
        });
        emit CredentialBatchAnchored(batchId, issuerAccount, credentialType, root, size, level);
    }

    /// @inheritdoc IPopulationBatches
    function revokeBatchCredential(uint256 batchId, uint32 index) external {
        CredentialBatch storage batch = _credentialBatches[batchId];
        if (batch.root == bytes32(0)) revert BatchNotFound(batchId);
        address caller = _actor();
        if (batch.issuer != caller) revert BatchNotIssuer(caller, batchId);
        if (index >= batch.size) revert BatchIndexOutOfRange(batchId, index);
        BitMaps.BitMap storage revoked = _batchRevocations[batchId];
        if (revoked.get(index)) revert BatchCredentialAlreadyRevoked(batchId, index);
        revoked.set(index);
        emit BatchCredentialRevoked(batchId, index);
    }

    /// @inheritdoc IPopulationBatches
    function identityBatch(uint256 batchId) external view returns (IdentityBatch memory) {
        return _identityBatches[batchId];
    }

    /// @inheritdoc IPopulationBatches
    function credentialBatch(uint256 batchId) external view returns (CredentialBatch memory) {
        return _credentialBatches[batchId];
    }

    /// @inheritdoc IPopulationBatches
    function isBatchCredentialRevoked(uint256 batchId, uint32 index) external view returns (bool) {
        return _batchRevocations[batchId].get(index);
    }

    /// @inheritdoc IPopulationBatches
    function isBatchCredentialValid(
        uint256 batchId,
        uint32 index,
        address subject,
        bytes32 commitment,
        bytes32[] calldata proof
    ) external view returns (bool) {
        CredentialBatch storage batch = _credentialBatches[batchId];
        if (batch.root == bytes32(0) || index >= batch.size || _batchRevocations[batchId].get(index)) return false;
        if (block.timestamp < batch.validFrom || block.timestamp >= batch.validUntil) return false;
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, subject, commitment))));
        return MerkleProof.verifyCalldata(proof, batch.root, leaf);
    }

    function _requireBatchShape(bytes32 root, uint32 size, uint256 leavesLength) private pure {
        if (root == bytes32(0)) revert BatchEmptyRoot();
        if (size == 0 || size > MAX_BATCH_SIZE || (leavesLength != 0 && leavesLength != uint256(size) * 32)) {
            revert BatchInvalidSize(size, leavesLength);
        }
    }
}
