// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IIdentityTree} from "../interfaces/IIdentityTree.sol";
import {Credential, Entity} from "../interfaces/IdentityTypes.sol";
import {CredentialRegistry} from "./CredentialRegistry.sol";

abstract contract IdentityTree is CredentialRegistry, IIdentityTree {
    /// @inheritdoc IIdentityTree
    function linkCredential(bytes32 uid) external {
        _link(_actor(), uid);
    }

    /// @inheritdoc IIdentityTree
    function unlinkCredential(bytes32 uid) external {
        _unlink(_actor(), uid);
    }

    /// @inheritdoc IIdentityTree
    function linkedCredentialCount(address holder) external view returns (uint256) {
        return _entities[holder].linkedCredentials;
    }

    /// @inheritdoc IIdentityTree
    function isLinked(address holder, bytes32 uid) external view returns (bool) {
        Credential storage record = _credentials[uid];
        return record.linked && record.subject == holder && holder != address(0);
    }

    /// @dev Every path that links for `holder` (a direct call, a relayed signature) comes through here, so
    /// the holder rules live in one place. The caller has established that `holder` consents.
    function _link(address holder, bytes32 uid) internal {
        Entity storage holderRecord = _requireActive(holder);
        Credential storage record = _requireHeldBy(holder, uid);
        if (record.linked) revert TreeAlreadyLinked(uid);
        record.linked = true;
        // Cannot overflow: each credential links once and there are fewer than 2^32 per holder in practice;
        // checked arithmetic still guards it.
        holderRecord.linkedCredentials += 1;
        emit CredentialLinked(holder, uid);
    }

    /// @dev As `_link`, for unlinking. `holder` need not be active, as with a direct call.
    function _unlink(address holder, bytes32 uid) internal {
        Credential storage record = _requireHeldBy(holder, uid);
        if (!record.linked) revert TreeNotLinked(uid);
        _dropLink(holder, uid, record);
    }

    /// @dev `_requireIssued` plus the holder check on a single read of the subject: the warm read it saves
    /// pays for the jump into `_link`/`_unlink`, so direct calls cost no more than before they were shared.
    function _requireHeldBy(address holder, bytes32 uid) private view returns (Credential storage record) {
        record = _credentials[uid];
        address subject = record.subject;
        if (subject == address(0)) revert CredentialNotFound(uid);
        if (subject != holder) revert TreeNotCredentialHolder(holder, uid);
    }

    function _dropLink(address holder, bytes32 uid, Credential storage record) internal override {
        record.linked = false;
        _entities[holder].linkedCredentials -= 1;
        emit CredentialUnlinked(holder, uid);
    }
}
