// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IConsentRegistry} from "../interfaces/IConsentRegistry.sol";
import {ICredentialRegistry} from "../interfaces/ICredentialRegistry.sol";

/// @title Consent registry
/// @notice A separate contract beside the identity registry (which has no bytecode to spare): it only
/// reads the registry, in `checkAccess`, so grants and logs stay cheap.
contract ConsentRegistry is IConsentRegistry {
    ICredentialRegistry public immutable registry;
    uint32 public immutable maxDuration;

    mapping(bytes32 key => Grant grant) private _grants;

    constructor(ICredentialRegistry registry_, uint32 maxDuration_) {
        registry = registry_;
        maxDuration = maxDuration_;
    }

    /// @inheritdoc IConsentRegistry
    function grantAccess(address verifier, bytes32 uid, uint32 duration, bytes26 attributes) external {
        if (duration == 0 || duration > maxDuration) revert ConsentInvalidDuration(duration, maxDuration);
        if (verifier == address(0) || verifier == msg.sender) revert ConsentInvalidVerifier(verifier);
        uint40 expiresAt = uint40(block.timestamp) + duration;
        _grants[_key(msg.sender, verifier, uid)] = Grant({expiresAt: expiresAt, revoked: false, attributes: attributes});
        emit AccessGranted(msg.sender, verifier, uid, expiresAt, attributes);
    }

    /// @inheritdoc IConsentRegistry
    function revokeAccess(address verifier, bytes32 uid) external {
        Grant storage grant = _grants[_key(msg.sender, verifier, uid)];
        if (grant.expiresAt <= block.timestamp || grant.revoked) revert ConsentGrantNotFound(msg.sender, verifier, uid);
        grant.revoked = true;
        emit AccessRevoked(msg.sender, verifier, uid);
    }

    /// @inheritdoc IConsentRegistry
    function logAccess(address holder, bytes32 uid, bytes26 attributes, bool success) external {
        // An event only: the log is append-only by construction and costs no storage.
        emit AccessLogged(holder, msg.sender, uid, attributes, success);
    }

    /// @inheritdoc IConsentRegistry
    function checkAccess(address holder, address verifier, bytes32 uid, bytes26 attributes) external view returns (bool) {
        Grant memory grant = _grants[_key(holder, verifier, uid)];
        if (grant.revoked || block.timestamp >= grant.expiresAt) return false;
        if (grant.attributes != bytes26(0) && grant.attributes != attributes) return false;
        return registry.credential(uid).subject == holder;
    }

    /// @inheritdoc IConsentRegistry
    function grantOf(address holder, address verifier, bytes32 uid) external view returns (Grant memory) {
        return _grants[_key(holder, verifier, uid)];
    }

    function _key(address holder, address verifier, bytes32 uid) private pure returns (bytes32) {
        return keccak256(abi.encode(holder, verifier, uid));
    }
}
