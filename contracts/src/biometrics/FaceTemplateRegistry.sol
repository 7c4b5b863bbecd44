// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IFaceTemplateRegistry} from "../interfaces/IFaceTemplateRegistry.sol";
import {IIdentityRegistry} from "../interfaces/IIdentityRegistry.sol";
import {IKeyBindings} from "../interfaces/IKeyBindings.sol";

/// @title Identree face template registry
/// @notice See IFaceTemplateRegistry. A contract of its own: the identity registry is at EIP-170's limit,
/// and face login is optional, so identities that never use it pay nothing for it.
contract FaceTemplateRegistry is IFaceTemplateRegistry, EIP712, Nonces {
    bytes32 private constant _ENROLL_TYPEHASH =
        keccak256("EnrollFaceTemplate(address identity,bytes cid,uint32 version,uint256 nonce,uint256 deadline)");
    bytes32 private constant _REENROLL_TYPEHASH =
        keccak256("ReenrollFaceTemplate(address identity,bytes cid,uint32 version,uint256 nonce,uint256 deadline)");
    bytes32 private constant _ERASE_TYPEHASH =
        keccak256("EraseFaceTemplate(address identity,uint32 version,uint256 nonce,uint256 deadline)");
    /// @dev A CIDv1 of a sha2-256 block is 36 bytes; 64 leaves room for longer hashes, not for spam.
    uint256 private constant _MAX_CID_LENGTH = 64;

    IIdentityRegistry private immutable _registry;
    IKeyBindings private immutable _holders;

    mapping(address identity => FaceTemplate template) private _templates;

    constructor(IIdentityRegistry registry_) EIP712("Identree Face Templates", "1") {
        _registry = registry_;
        _holders = IKeyBindings(registry_.holderRegistry());
    }

    // ---- holder actions ----

    /// @inheritdoc IFaceTemplateRegistry
    function enrollFaceTemplate(bytes calldata cid, uint32 version) external {
        _enroll(_holders.requireIdentityOf(msg.sender), msg.sender, cid, version);
    }

    /// @inheritdoc IFaceTemplateRegistry
    function reenrollFaceTemplate(bytes calldata cid, uint32 version) external {
        _reenroll(_holders.requireIdentityOf(msg.sender), msg.sender, cid, version);
    }

    /// @inheritdoc IFaceTemplateRegistry
    function eraseFaceTemplate() external {
        address identity = _holders.requireIdentityOf(msg.sender);
        _erase(identity, msg.sender, _templates[identity].version);
    }

    /// @inheritdoc IFaceTemplateRegistry
    function enrollFaceTemplateBySig(
        address identity,
        bytes calldata cid,
        uint32 version,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 structHash = keccak256(
            abi.encode(_ENROLL_TYPEHASH, identity, keccak256(cid), version, _useNonce(identity), deadline)
        );
        _enroll(identity, _requireKeySignature(identity, structHash, deadline, signature), cid, version);
    }

    /// @inheritdoc IFaceTemplateRegistry
    function reenrollFaceTemplateBySig(
        address identity,
        bytes calldata cid,
        uint32 version,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 structHash = keccak256(
            abi.encode(_REENROLL_TYPEHASH, identity, keccak256(cid), version, _useNonce(identity), deadline)
        );
        _reenroll(identity, _requireKeySignature(identity, structHash, deadline, signature), cid, version);
    }

    /// @inheritdoc IFaceTemplateRegistry
    function eraseFaceTemplateBySig(address identity, uint32 version, uint256 deadline, bytes calldata signature)
        external
    {
        bytes32 structHash = keccak256(abi.encode(_ERASE_TYPEHASH, identity, version, _useNonce(identity), deadline));
        _erase(identity, _requireKeySignature(identity, structHash, deadline, signature), version);
    }

    // ---- views ----

    /// @inheritdoc IFaceTemplateRegistry
    function faceTemplateOf(address identity) external view returns (FaceTemplate memory) {
        return _templates[identity];
    }

    /// @inheritdoc IFaceTemplateRegistry
    function isCurrentFaceTemplate(address identity, bytes calldata cid, uint32 version) external view returns (bool) {
        FaceTemplate memory t = _templates[identity];
        return t.status == FaceTemplateStatus.Enrolled && t.version == version
            && t.commitment == faceTemplateCommitment(identity, cid, version);
    }

    /// @inheritdoc IFaceTemplateRegistry
    function faceTemplateCommitment(address identity, bytes calldata cid, uint32 version)
        public
        pure
        returns (bytes27)
    {
        return bytes27(keccak256(abi.encode(identity, cid, version)));
    }

    /// @inheritdoc IFaceTemplateRegistry
    function identityRegistry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IFaceTemplateRegistry
    function nonces(address identity) public view override(Nonces, IFaceTemplateRegistry) returns (uint256) {
        return super.nonces(identity);
    }

    /// @inheritdoc IFaceTemplateRegistry
    // forge-lint: disable-next-line(mixed-case-function)
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---- internals ----

    function _enroll(address identity, address key, bytes calldata cid, uint32 version) private {
        FaceTemplate memory current = _templates[identity];
        if (current.status == FaceTemplateStatus.Enrolled) {
            revert FaceTemplateAlreadyEnrolled(identity, current.version);
        }
        _store(identity, cid, version, current.version);
        emit FaceTemplateEnrolled(identity, key, version, cid);
    }

    function _reenroll(address identity, address key, bytes calldata cid, uint32 version) private {
        FaceTemplate memory current = _templates[identity];
        if (current.status != FaceTemplateStatus.Enrolled) revert FaceTemplateNotEnrolled(identity);
        _store(identity, cid, version, current.version);
        emit FaceTemplateReplaced(identity, key, current.version, version, cid);
    }

    /// @dev Erasure is always allowed, even for a suspended or revoked identity: the right to erasure does
    /// not depend on standing. The version is kept, so no erased version is ever accepted again.
    function _erase(address identity, address key, uint32 version) private {
        FaceTemplate storage current = _templates[identity];
        if (current.status != FaceTemplateStatus.Enrolled) revert FaceTemplateNotEnrolled(identity);
        // A relayed erasure names the version it erases, so it cannot erase a later re-enrollment.
        if (current.version != version) revert FaceTemplateVersionStale(version, current.version);
        current.commitment = bytes27(0);
        current.status = FaceTemplateStatus.Erased;
        emit FaceTemplateErased(identity, key, version);
    }

    function _store(address identity, bytes calldata cid, uint32 version, uint32 previous) private {
        if (!_registry.isActive(identity)) revert FaceTemplateIdentityInactive(identity);
        if (cid.length == 0 || cid.length > _MAX_CID_LENGTH) revert FaceTemplateCidInvalid(cid.length);
        if (version <= previous) revert FaceTemplateVersionNotIncreasing(version, previous);
        _templates[identity] = FaceTemplate({
            commitment: faceTemplateCommitment(identity, cid, version),
            version: version,
            status: FaceTemplateStatus.Enrolled
        });
    }

    /// @dev Only the key `keyOf` names signs for an identity: a retired key signs for no one. Returns it,
    /// for the event. A key with code is checked with ERC-1271.
    function _requireKeySignature(address identity, bytes32 structHash, uint256 deadline, bytes calldata signature)
        private
        view
        returns (address key)
    {
        if (block.timestamp > deadline) revert FaceTemplateSignatureExpired(deadline);
        key = _holders.keyOf(identity);
        if (
            key == address(0)
                || !SignatureChecker.isValidSignatureNowCalldata(key, _hashTypedDataV4(structHash), signature)
        ) revert FaceTemplateSignatureInvalid(identity);
    }
}
