// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IConsentRegistry} from "../interfaces/IConsentRegistry.sol";
import {KeyBindings} from "./KeyBindings.sol";
import {EntityStatus} from "../interfaces/IdentityTypes.sol";

/// @dev Grants are keyed by the holder's identity, found with one local read, so they survive rotation
/// and recovery. The registry is read only in `checkAccess`, so grants and logs stay cheap.
abstract contract AccessConsent is KeyBindings, IConsentRegistry {
    bytes32 private constant _GRANT_ACCESS_TYPEHASH = keccak256(
        "GrantAccess(address holder,address verifier,bytes32 uid,uint32 duration,bytes26 attributes,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant _REVOKE_ACCESS_TYPEHASH =
        keccak256("RevokeAccess(address holder,address verifier,bytes32 uid,uint256 nonce,uint256 deadline)");

    /// @dev `ConsentInvalidAttributes(bytes26)`, raised from assembly; a forge test checks the revert data.
    uint256 private constant _INVALID_ATTRIBUTES_SELECTOR = 0xf0cf724c;

    uint32 public immutable maxDuration;

    mapping(bytes32 key => Grant grant) private _grants;

    constructor(uint32 maxDuration_) {
        maxDuration = maxDuration_;
    }

    /// @inheritdoc IConsentRegistry
    function grantAccess(address verifier, bytes32 uid, uint32 duration, bytes26 attributes) external {
        _grant(requireIdentityOf(msg.sender), verifier, uid, duration, attributes);
    }

    /// @inheritdoc IConsentRegistry
    function grantAccessBySig(
        address holder,
        address verifier,
        bytes32 uid,
        uint32 duration,
        bytes26 attributes,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _useHolderSignature(
            holder, _grantStructHash(holder, verifier, uid, duration, attributes, deadline), deadline, signature
        );
        _grant(holder, verifier, uid, duration, attributes);
    }

    /// @inheritdoc IConsentRegistry
    function revokeAccess(address verifier, bytes32 uid) external {
        _revoke(requireIdentityOf(msg.sender), verifier, uid);
    }

    /// @inheritdoc IConsentRegistry
    function revokeAccessBySig(
        address holder,
        address verifier,
        bytes32 uid,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _useHolderSignature(
            holder,
            keccak256(abi.encode(_REVOKE_ACCESS_TYPEHASH, holder, verifier, uid, _useNonce(holder), deadline)),
            deadline,
            signature
        );
        _revoke(holder, verifier, uid);
    }

    /// @inheritdoc IConsentRegistry
    function logAccess(address holder, bytes32 uid, bytes26 attributes, bool success) external {
        // An event only: the log is append-only by construction and costs no storage. The verifier is the
        // sending key as it is (the signer, when relayed); the indexer maps rotated keys to identities from KeyChanged.
        address verifier;
        // `_sender()` spelled out: its internal call would cost every direct log a few dozen gas.
        assembly ("memory-safe") {
            verifier := caller()
            if eq(verifier, address()) { verifier := shr(96, calldataload(sub(calldatasize(), 20))) }
        }
        emit AccessLogged(holder, verifier, uid, attributes, success);
    }

    /// @inheritdoc IConsentRegistry
    function checkAccess(address holder, address verifier, bytes32 uid, bytes26 attributes)
        external
        view
        returns (bool)
    {
        Grant memory grant = _grants[_key(holder, verifier, uid)];
        if (block.timestamp >= grant.expiresAt) return false;
        if (grant.attributes != bytes21(0) && bytes26(grant.attributes) != attributes) return false;
        // A revoked holder grants nothing: whatever it granted, before or after its revocation, answers no.
        // Checked here rather than in `grantAccess`, which stays a single storage write.
        if (_registry.entity(holder).status == EntityStatus.Revoked) return false;
        if (_registry.credential(uid).subject != holder) return false;
        // A grant from an earlier holding (the credential left and came back) or from before the holder
        // received it stays dead. Checked here, not at grant time, to keep `grantAccess` off the registry.
        return grant.grantedAt > _registry.heldSince(uid);
    }

    /// @inheritdoc IConsentRegistry
    function grantOf(address holder, address verifier, bytes32 uid) external view returns (Grant memory) {
        return _grants[_key(holder, verifier, uid)];
    }

    function _grant(address holder, address verifier, bytes32 uid, uint32 duration, bytes26 attributes) private {
        if (duration == 0 || duration > maxDuration) revert ConsentInvalidDuration(duration, maxDuration);
        if (verifier == address(0) || verifier == holder) revert ConsentInvalidVerifier(verifier);
        // Grant's storage layout (expiresAt in bits 0-39, grantedAt in 40-79, the digest's first 21 bytes
        // above), built once so the slot takes one SSTORE and the event carries the same word. The digest's
        // last five bytes must be zero: that is where the grant's time goes. In assembly because every gas
        // counts here (grantAccess has a 50,000 target). A timestamp and a uint32 cannot overflow 40 bits
        // for 34,000 years.
        bytes32 word;
        assembly ("memory-safe") {
            let digest := shr(48, attributes)
            if and(digest, 0xffffffffff) {
                mstore(0, shl(224, _INVALID_ATTRIBUTES_SELECTOR))
                mstore(4, attributes)
                revert(0, 0x24)
            }
            let at := timestamp()
            word := or(add(at, duration), shl(40, or(at, digest)))
        }
        Grant storage grant = _grants[_key(holder, verifier, uid)];
        assembly ("memory-safe") {
            sstore(grant.slot, word)
        }
        emit AccessGranted(holder, verifier, uid, word);
    }

    function _revoke(address holder, address verifier, bytes32 uid) private {
        bytes32 key = _key(holder, verifier, uid);
        if (_grants[key].expiresAt <= block.timestamp) revert ConsentGrantNotFound(holder, verifier, uid);
        delete _grants[key];
        emit AccessRevoked(holder, verifier, uid);
    }

    /// @dev The digest covers the nonce `_useNonce` consumes, so a replay fails as an invalid signature.
    /// The signer must be the holder's current key: a retired key signs for nobody.
    function _useHolderSignature(address holder, bytes32 structHash, uint256 deadline, bytes calldata signature)
        private
        view
    {
        if (block.timestamp > deadline) revert ConsentSignatureExpired(deadline);
        if (!_isSignedByKeyOf(holder, structHash, signature)) revert ConsentSignatureInvalid(holder);
    }

    /// @dev Two static halves concatenated are exactly `abi.encode` of all eight words; split only to
    /// stay within the legacy code generator's stack.
    function _grantStructHash(
        address holder,
        address verifier,
        bytes32 uid,
        uint32 duration,
        bytes26 attributes,
        uint256 deadline
    ) private returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(_GRANT_ACCESS_TYPEHASH, holder, verifier, uid),
                abi.encode(duration, attributes, _useNonce(holder), deadline)
            )
        );
    }

    /// @dev Equal to keccak256(abi.encode(holder, verifier, uid)), hashed in place in free memory
    /// without moving the free-memory pointer (as OpenZeppelin's Hashes.efficientKeccak256 does for two
    /// words), because this runs on every grant, revocation and check.
    function _key(address holder, address verifier, bytes32 uid) private pure returns (bytes32 key) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, holder)
            mstore(add(ptr, 0x20), verifier)
            mstore(add(ptr, 0x40), uid)
            key := keccak256(ptr, 0x60)
        }
    }
}
