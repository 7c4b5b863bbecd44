// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IIdentityTree} from "../interfaces/IIdentityTree.sol";
import {Credential, Entity} from "../interfaces/IdentityTypes.sol";
import {CredentialRegistry} from "./CredentialRegistry.sol";

abstract contract IdentityTree is CredentialRegistry, IIdentityTree {
    /// @inheritdoc IIdentityTree
    function linkCredential(bytes32 uid) external {
        Entity storage holder = _requireActive(msg.sender);
        Credential storage record = _requireIssued(uid);
        if (record.subject != msg.sender) revert TreeNotCredentialHolder(msg.sender, uid);
        if (record.linked) revert TreeAlreadyLinked(uid);
        record.linked = true;
        // Cannot overflow: each credential links once and there are fewer than 2^32 per holder in practice;
        // checked arithmetic still guards it.
        holder.linkedCredentials += 1;
        emit CredentialLinked(msg.sender, uid);
    }

    /// @inheritdoc IIdentityTree
    function unlinkCredential(bytes32 uid) external {
        Credential storage record = _requireIssued(uid);
        if (record.subject != msg.sender) revert TreeNotCredentialHolder(msg.sender, uid);
        if (!record.linked) revert TreeNotLinked(uid);
        _dropLink(msg.sender, uid, record);
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

    function _dropLink(address holder, bytes32 uid, Credential storage record) internal override {
        record.linked = false;
        _entities[holder].linkedCredentials -= 1;
        emit CredentialUnlinked(holder, uid);
    }
}
