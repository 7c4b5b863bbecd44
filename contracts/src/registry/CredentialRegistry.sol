// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ICredentialRegistry} from "../interfaces/ICredentialRegistry.sol";
import {
    CertificationLevel,
    Credential,
    CredentialRequest,
    Entity,
    EntityKind,
    EntityStatus
} from "../interfaces/IdentityTypes.sol";
import {CredentialTypes} from "./CredentialTypes.sol";

abstract contract CredentialRegistry is CredentialTypes {
    /// @dev Append-only hash chain of achievement commitments, one slot per appendable credential.
    struct AchievementLog {
        bytes28 head;
        uint32 count;
    }

    mapping(bytes32 uid => Credential record) internal _credentials;
    mapping(bytes32 uid => AchievementLog log) private _achievements;
    /// @dev One slot per transferred credential: the recipient the holder asked for, and when the current
    /// holder received it. The arrival time is what lets a holder's grants over the credential end when it
    /// leaves them and stay dead if it comes back (`heldSince`). It shares the pending recipient's slot,
    /// which approval rewrites instead of deleting, so recording it costs about 5,000 gas per transfer
    /// rather than a fresh slot's 22,100.
    struct TransferRecord {
        address pendingTo;
        uint40 heldSince;
    }

    mapping(bytes32 uid => TransferRecord transfer) private _transfers;
    mapping(address issuer => mapping(uint8 credentialType => address government)) private _accreditations;

    /// @inheritdoc ICredentialRegistry
    function accreditIssuer(address issuer, uint8 credentialType) external {
        address government = _actor();
        if (!_isActiveGovernment(government)) revert CredentialAccreditorNotGovernment(government);
        _requireType(credentialType);
        if (!_canIssue(_entities[issuer])) revert CredentialNotAnIssuer(issuer);
        _accreditations[issuer][credentialType] = government;
        emit IssuerAccredited(issuer, credentialType, government);
    }

    /// @inheritdoc ICredentialRegistry
    function revokeAccreditation(address issuer, uint8 credentialType) external {
        address government = _accreditations[issuer][credentialType];
        address caller = _actor();
        if (government == address(0) || (caller != government && caller != root())) {
            revert CredentialAccreditationNotOwned(caller, issuer, credentialType);
        }
        delete _accreditations[issuer][credentialType];
        emit IssuerAccreditationRevoked(issuer, credentialType, caller);
    }

    /// @inheritdoc ICredentialRegistry
    function accreditationOf(address issuer, uint8 credentialType) external view returns (address) {
        return _accreditations[issuer][credentialType];
    }

    /// @inheritdoc ICredentialRegistry
    function certificationLevelOf(address issuer, uint8 credentialType) public view returns (CertificationLevel) {
        Entity storage record = _entities[issuer];
        if (record.status != EntityStatus.Active) return CertificationLevel.Uncertified;
        if (record.kind == EntityKind.Government) return CertificationLevel.GovernmentCertified;
        address government = _accreditations[issuer][credentialType];
        // An accreditation counts only while the accrediting government itself stands.
        if (government != address(0) && _isActiveGovernment(government)) return CertificationLevel.Accredited;
        return CertificationLevel.Uncertified;
    }

    /// @inheritdoc ICredentialRegistry
    function anchorCredential(CredentialRequest calldata request) external returns (bytes32 uid) {
        return _anchor(request, _actor());
    }

    /// @inheritdoc ICredentialRegistry
    function anchorBirthCertificate(CredentialRequest calldata request, address father, address mother)
        external
        returns (bytes32 uid)
    {
        if (!_types[request.credentialType].parentLinks) {
            revert CredentialOperationNotSupported(bytes32(0), request.credentialType);
        }
        // Parent links are a government act, whatever else the type allows.
        address issuer = _actor();
        if (!_isActiveGovernment(issuer)) revert CredentialIssuerNotEntitled(issuer, request.credentialType);
        _requireParent(father, request.subject);
        _requireParent(mother, request.subject);
        if (father == mother && father != address(0)) revert CredentialInvalidParent(mother, request.subject);
        uid = _anchor(request, issuer);
        emit ParentsLinked(uid, father, mother);
    }

    /// @inheritdoc ICredentialRegistry
    function addAchievement(bytes32 commitment, bytes32 achievement) external {
        address issuer = _actor();
        _requireActive(issuer);
        bytes32 uid = credentialId(issuer, commitment);
        Credential storage record = _requireIssued(uid);
        if (record.revoked) revert CredentialAlreadyRevoked(uid);
        // A record closes with its window: nothing is appended to a curriculum that no longer counts.
        if (block.timestamp >= record.validUntil) revert CredentialInvalidWindow(record.validFrom, record.validUntil);
        AchievementLog storage log = _achievements[uid];
        // Only appendable types get a log at anchoring, so an empty head means "not appendable".
        if (log.head == bytes28(0)) revert CredentialOperationNotSupported(uid, record.credentialType);
        uint32 index = log.count;
        // 224 bits keep 112-bit collision resistance.
        // forge-lint: disable-next-line(unsafe-typecast)
        log.head = bytes28(keccak256(abi.encode(log.head, achievement)));
        log.count = index + 1;
        emit AchievementAdded(uid, achievement, index);
    }

    /// @inheritdoc ICredentialRegistry
    function revokeCredential(bytes32 commitment) external {
        address issuer = _actor();
        _revoke(credentialId(issuer, commitment), issuer);
    }

    /// @inheritdoc ICredentialRegistry
    function revokeCredentialOf(address issuer, bytes32 commitment) external {
        address registrar = _actor();
        _requireRegistrarAbove(registrar, issuer);
        _revoke(credentialId(issuer, commitment), registrar);
    }

    function _revoke(bytes32 uid, address by) private {
        Credential storage record = _requireIssued(uid);
        if (record.revoked) revert CredentialAlreadyRevoked(uid);
        record.revoked = true;
        emit CredentialRevoked(uid, by);
    }

    /// @inheritdoc ICredentialRegistry
    function requestCredentialTransfer(bytes32 uid, address to) external {
        Credential storage record = _requireIssued(uid);
        address holder = _actor();
        if (record.subject != holder) revert CredentialNotHolder(holder, uid);
        if (!_types[record.credentialType].transferable) {
            revert CredentialOperationNotSupported(uid, record.credentialType);
        }
        if (record.revoked) revert CredentialAlreadyRevoked(uid);
        if (to == holder) revert CredentialTransferNotRequested(uid, to);
        _requireActive(to);
        _transfers[uid].pendingTo = to;
        emit CredentialTransferRequested(uid, holder, to);
    }

    /// @inheritdoc ICredentialRegistry
    function approveCredentialTransfer(bytes32 commitment, address to) external {
        address issuer = _actor();
        _requireActive(issuer);
        bytes32 uid = credentialId(issuer, commitment);
        Credential storage record = _requireIssued(uid);
        if (to == address(0) || _transfers[uid].pendingTo != to) revert CredentialTransferNotRequested(uid, to);
        if (record.revoked) revert CredentialAlreadyRevoked(uid);
        _requireActive(to);
        address from = record.subject;
        _transfers[uid] = TransferRecord({pendingTo: address(0), heldSince: uint40(block.timestamp)});
        if (record.linked) _dropLink(from, uid, record);
        record.subject = to;
        emit CredentialTransferred(uid, from, to);
    }

    /// @inheritdoc ICredentialRegistry
    function credentialId(address issuer, bytes32 commitment) public pure returns (bytes32) {
        return keccak256(abi.encode(issuer, commitment));
    }

    /// @inheritdoc ICredentialRegistry
    function credential(bytes32 uid) external view returns (Credential memory) {
        return _credentials[uid];
    }

    /// @inheritdoc ICredentialRegistry
    function isCredentialValid(bytes32 uid) public view returns (bool) {
        Credential storage record = _credentials[uid];
        return record.subject != address(0) && !record.revoked && block.timestamp >= record.validFrom
            && block.timestamp < record.validUntil;
    }

    /// @inheritdoc ICredentialRegistry
    function achievementLog(bytes32 uid) external view returns (bytes28 head, uint32 count) {
        AchievementLog storage log = _achievements[uid];
        return (log.head, log.count);
    }

    /// @inheritdoc ICredentialRegistry
    function pendingTransferOf(bytes32 uid) external view returns (address) {
        return _transfers[uid].pendingTo;
    }

    /// @inheritdoc ICredentialRegistry
    function heldSince(bytes32 uid) external view returns (uint256) {
        return _transfers[uid].heldSince;
    }

    /// @dev `issuer` is the identity the caller's key acts for (`_actor()`), never `msg.sender` itself.
    function _anchor(CredentialRequest calldata request, address issuer) private returns (bytes32 uid) {
        if (!_canIssue(_requireActive(issuer))) revert CredentialNotAnIssuer(issuer);
        TypeRecord memory rules = _requireType(request.credentialType);
        CertificationLevel level = certificationLevelOf(issuer, request.credentialType);
        if (rules.governmentOnly && level != CertificationLevel.GovernmentCertified) {
            revert CredentialIssuerNotEntitled(issuer, request.credentialType);
        }
        if (request.commitment == bytes32(0)) revert CredentialEmptyCommitment();
        if (request.validUntil <= request.validFrom || request.validUntil <= block.timestamp) {
            revert CredentialInvalidWindow(request.validFrom, request.validUntil);
        }
        _requireActive(request.subject);
        if (rules.sourceType != 0 || request.source != bytes32(0)) {
            _requireSource(request.source, rules.sourceType, request.subject);
        }
        uid = credentialId(issuer, request.commitment);
        if (_credentials[uid].subject != address(0)) revert CredentialAlreadyAnchored(uid);
        _credentials[uid] = Credential({
            subject: request.subject,
            validFrom: request.validFrom,
            validUntil: request.validUntil,
            credentialType: request.credentialType,
            level: level,
            revoked: false,
            linked: false
        });
        // Allocating the log here keeps every later append a rewrite of a warm, non-zero slot.
        // The head only needs to be non-zero and unique to this credential.
        // forge-lint: disable-next-line(unsafe-typecast)
        if (rules.appendable) _achievements[uid].head = bytes28(uid);
        emit CredentialAnchored(
            uid,
            issuer,
            request.subject,
            request.credentialType,
            request.commitment,
            request.validFrom,
            request.validUntil,
            level
        );
        if (request.source != bytes32(0)) emit CredentialDerived(uid, request.source);
    }

    function _requireSource(bytes32 source, uint8 sourceType, address subject) private view {
        Credential storage src = _credentials[source];
        bool ok = src.subject == subject && isCredentialValid(source)
            && (sourceType == 0 || src.credentialType == sourceType);
        if (!ok) revert CredentialInvalidSource(source, sourceType, subject);
    }

    function _requireParent(address parent, address subject) private view {
        if (parent == address(0)) return;
        Entity storage record = _entities[parent];
        if (parent == subject || record.kind != EntityKind.Person || record.status == EntityStatus.None) {
            revert CredentialInvalidParent(parent, subject);
        }
    }

    function _requireIssued(bytes32 uid) internal view returns (Credential storage record) {
        record = _credentials[uid];
        if (record.subject == address(0)) revert CredentialNotFound(uid);
    }

    function _canIssue(Entity storage record) private view returns (bool) {
        EntityKind kind = record.kind;
        return record.status == EntityStatus.Active
            && (kind == EntityKind.Government || kind == EntityKind.Issuer || kind == EntityKind.Organization);
    }

    /// @dev Implemented by the identity tree: clears a link when an asset changes hands.
    function _dropLink(address holder, bytes32 uid, Credential storage record) internal virtual;
}
