// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IGuardianRecovery} from "../interfaces/IGuardianRecovery.sol";
import {KeyBindings} from "./KeyBindings.sol";

/// @dev Guardians are counted in a 16-bit bitmap, so "M distinct guardians" is a popcount that cannot be
/// inflated by approving twice, and a set change only has to move the nonce to void every approval.
abstract contract GuardianRecovery is KeyBindings, IGuardianRecovery {
    uint256 private constant _MAX_GUARDIANS = 16;
    bytes32 private constant _ADD_GUARDIAN_TYPEHASH =
        keccak256("AddGuardian(address identity,address guardian,uint8 threshold,uint256 nonce,uint256 deadline)");
    bytes32 private constant _REMOVE_GUARDIAN_TYPEHASH =
        keccak256("RemoveGuardian(address identity,address guardian,uint8 threshold,uint256 nonce,uint256 deadline)");
    bytes32 private constant _APPROVE_RECOVERY_TYPEHASH =
        keccak256("ApproveRecovery(address guardian,address identity,address newKey,uint256 nonce,uint256 deadline)");
    bytes32 private constant _CANCEL_RECOVERY_TYPEHASH =
        keccak256("CancelRecovery(address identity,uint256 nonce,uint256 deadline)");

    uint32 public immutable recoveryDelay;

    mapping(address identity => GuardianSet set) private _sets;
    /// @dev The guardian's bit position plus one; zero means "not a guardian".
    mapping(address identity => mapping(address guardian => uint8 bit)) private _guardianBits;
    mapping(bytes32 recoveryId => Recovery recovery) private _recoveries;

    constructor(uint32 recoveryDelay_) {
        recoveryDelay = recoveryDelay_;
    }

    /// @inheritdoc IGuardianRecovery
    function addGuardian(address guardian, uint8 threshold) external {
        _addGuardian(requireIdentityOf(msg.sender), guardian, threshold);
    }

    /// @inheritdoc IGuardianRecovery
    function addGuardianBySig(
        address identity,
        address guardian,
        uint8 threshold,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _useGuardianChangeSignature(_ADD_GUARDIAN_TYPEHASH, identity, guardian, threshold, deadline, signature);
        _addGuardian(identity, guardian, threshold);
    }

    /// @inheritdoc IGuardianRecovery
    function removeGuardian(address guardian, uint8 threshold) external {
        _removeGuardian(requireIdentityOf(msg.sender), guardian, threshold);
    }

    /// @inheritdoc IGuardianRecovery
    function removeGuardianBySig(
        address identity,
        address guardian,
        uint8 threshold,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _useGuardianChangeSignature(_REMOVE_GUARDIAN_TYPEHASH, identity, guardian, threshold, deadline, signature);
        _removeGuardian(identity, guardian, threshold);
    }

    /// @inheritdoc IGuardianRecovery
    function approveRecovery(address identity, address newKey) external {
        _approveRecovery(requireIdentityOf(msg.sender), identity, newKey);
    }

    /// @inheritdoc IGuardianRecovery
    function approveRecoveryBySig(
        address guardian,
        address identity,
        address newKey,
        uint256 deadline,
        bytes calldata signature
    ) external {
        // The guardian's own nonce: the approval cannot be replayed, and the recovery id it counts for
        // still carries the identity's recovery nonce.
        bytes32 structHash = keccak256(
            abi.encode(_APPROVE_RECOVERY_TYPEHASH, guardian, identity, newKey, _useNonce(guardian), deadline)
        );
        _requireHolderSignature(guardian, structHash, deadline, signature);
        _approveRecovery(guardian, identity, newKey);
    }

    /// @inheritdoc IGuardianRecovery
    function finalizeRecovery(address identity, address newKey) external {
        GuardianSet memory set = _sets[identity];
        bytes32 id = _recoveryId(identity, newKey, set.nonce);
        Recovery memory recovery = _recoveries[id];
        // readyAt is set only when the count reached the threshold, and the id carries the nonce, so a
        // record that counts is always one made under the current set and threshold.
        if (recovery.readyAt == 0 || block.timestamp < recovery.readyAt) revert RecoveryNotReady(id, recovery.readyAt);
        delete _recoveries[id];
        _bind(identity, newKey, KeyChange.GuardianRecovery);
    }

    /// @inheritdoc IGuardianRecovery
    function cancelRecovery() external {
        _cancelRecovery(requireIdentityOf(msg.sender));
    }

    /// @inheritdoc IGuardianRecovery
    function cancelRecoveryBySig(address identity, uint256 deadline, bytes calldata signature) external {
        bytes32 structHash = keccak256(abi.encode(_CANCEL_RECOVERY_TYPEHASH, identity, _useNonce(identity), deadline));
        _requireHolderSignature(identity, structHash, deadline, signature);
        _cancelRecovery(identity);
    }

    /// @inheritdoc IGuardianRecovery
    function isGuardian(address identity, address guardian) external view returns (bool) {
        return _guardianBits[identity][guardian] != 0;
    }

    /// @inheritdoc IGuardianRecovery
    function guardianSetOf(address identity) external view returns (GuardianSet memory) {
        return _sets[identity];
    }

    /// @inheritdoc IGuardianRecovery
    function recoveryId(address identity, address newKey) external view returns (bytes32) {
        return _recoveryId(identity, newKey, _sets[identity].nonce);
    }

    /// @inheritdoc IGuardianRecovery
    function recoveryOf(bytes32 id) external view returns (Recovery memory) {
        return _recoveries[id];
    }

    function _addGuardian(address identity, address guardian, uint8 threshold) private {
        if (guardian == address(0) || guardian == identity || !_registry.isActive(guardian)) {
            revert GuardianInvalid(guardian);
        }
        if (_guardianBits[identity][guardian] != 0) revert GuardianDuplicate(guardian);
        GuardianSet memory set = _sets[identity];
        if (set.count == _MAX_GUARDIANS) revert GuardianSetFull(_MAX_GUARDIANS);
        uint8 bit = _lowestFreeBit(set.bits);
        _guardianBits[identity][guardian] = bit + 1;
        set.bits |= uint16(1 << bit);
        set.count += 1;
        _store(identity, set, threshold);
        emit GuardianAdded(identity, guardian, threshold, set.nonce);
    }

    function _removeGuardian(address identity, address guardian, uint8 threshold) private {
        uint8 bit = _guardianBits[identity][guardian];
        if (bit == 0) revert GuardianNotFound(guardian);
        delete _guardianBits[identity][guardian];
        GuardianSet memory set = _sets[identity];
        set.bits &= ~uint16(1 << (bit - 1));
        set.count -= 1;
        _store(identity, set, threshold);
        emit GuardianRemoved(identity, guardian, threshold, set.nonce);
    }

    function _approveRecovery(address guardian, address identity, address newKey) private {
        uint8 bit = _guardianBits[identity][guardian];
        // A guardian that was suspended or revoked since it was named no longer speaks for anyone.
        if (bit == 0 || !_registry.isActive(guardian)) revert RecoveryNotGuardian(guardian, identity);
        GuardianSet memory set = _sets[identity];
        bytes32 id = _recoveryId(identity, newKey, set.nonce);
        Recovery memory recovery = _recoveries[id];
        uint16 mask = uint16(1 << (bit - 1));
        if (recovery.approvals & mask != 0) revert RecoveryAlreadyApproved(guardian, id);
        recovery.approvals |= mask;
        recovery.count += 1;
        if (recovery.count == set.threshold) recovery.readyAt = uint40(block.timestamp) + recoveryDelay;
        _recoveries[id] = recovery;
        emit RecoveryApproved(identity, id, guardian, newKey, recovery.count, recovery.readyAt);
    }

    function _cancelRecovery(address identity) private {
        uint32 nonce = ++_sets[identity].nonce;
        emit RecoveryCancelled(identity, nonce);
    }

    /// @dev Adding and removing sign the same fields under their own type, over the identity's nonce.
    function _useGuardianChangeSignature(
        bytes32 typehash,
        address identity,
        address guardian,
        uint8 threshold,
        uint256 deadline,
        bytes calldata signature
    ) private {
        bytes32 structHash = keccak256(
            abi.encode(typehash, identity, guardian, threshold, _useNonce(identity), deadline)
        );
        _requireHolderSignature(identity, structHash, deadline, signature);
    }

    function _afterKeyChange(address identity) internal override {
        unchecked {
            ++_sets[identity].nonce;
        }
    }

    function _store(address identity, GuardianSet memory set, uint8 threshold) private {
        if (set.count == 0 ? threshold != 0 : threshold == 0 || threshold > set.count) {
            revert GuardianThresholdInvalid(threshold, set.count);
        }
        set.threshold = threshold;
        unchecked {
            set.nonce += 1;
        }
        _sets[identity] = set;
    }

    function _recoveryId(address identity, address newKey, uint32 nonce) private pure returns (bytes32) {
        return keccak256(abi.encode(identity, newKey, nonce));
    }

    function _lowestFreeBit(uint16 bits) private pure returns (uint8 bit) {
        while (bits & (1 << bit) != 0) ++bit;
    }
}
