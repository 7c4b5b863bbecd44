// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Guardian recovery: M of N guardians move control of an identity to a new key, after a delay.
/// @notice Guardians are registered entities (by identity, so a guardian that rotates its own key stays a
/// guardian). Approvals are for one recovery id, keccak256(identity, newKey, nonce): they cannot count
/// for another holder, another key or a later recovery. The nonce moves on every guardian change, every
/// cancel and every change of key, which voids all pending approvals at once.
interface IGuardianRecovery {
    /// @notice The guardian is zero, the identity itself, or not an active registered entity.
    error GuardianInvalid(address guardian);
    /// @notice The guardian is already in the set.
    error GuardianDuplicate(address guardian);
    /// @notice The guardian is not in the set.
    error GuardianNotFound(address guardian);
    /// @notice The threshold must be between 1 and the number of guardians (0 only for an empty set).
    error GuardianThresholdInvalid(uint256 threshold, uint256 guardians);
    /// @notice A set holds at most `max` guardians.
    error GuardianSetFull(uint256 max);
    /// @notice `caller` is not an active guardian of `identity`.
    error RecoveryNotGuardian(address caller, address identity);
    /// @notice This guardian already approved this recovery.
    error RecoveryAlreadyApproved(address guardian, bytes32 recoveryId);
    /// @notice Fewer than the threshold approved (`readyAt` is zero), or the delay has not passed yet.
    error RecoveryNotReady(bytes32 recoveryId, uint256 readyAt);

    /// @dev One slot per identity: which approval bits are in use, how many guardians, the threshold and
    /// the nonce that recovery ids are built over.
    struct GuardianSet {
        uint16 bits;
        uint8 count;
        uint8 threshold;
        uint32 nonce;
    }

    /// @dev One slot per recovery id: a bitmap of approving guardians, their count and, once the threshold
    /// is met, when the recovery may be finalized.
    struct Recovery {
        uint16 approvals;
        uint8 count;
        uint40 readyAt;
    }

    event GuardianAdded(address indexed identity, address indexed guardian, uint8 threshold, uint32 nonce);
    event GuardianRemoved(address indexed identity, address indexed guardian, uint8 threshold, uint32 nonce);
    event RecoveryApproved(
        address indexed identity,
        bytes32 indexed recoveryId,
        address indexed guardian,
        address newKey,
        uint8 approvals,
        uint40 readyAt
    );
    event RecoveryCancelled(address indexed identity, uint32 nonce);

    /// @notice The caller's identity adds `guardian` and sets the threshold (1..N after the change).
    function addGuardian(address guardian, uint8 threshold) external;

    /// @notice The caller's identity removes `guardian` and sets the threshold (0 only when none remain).
    function removeGuardian(address guardian, uint8 threshold) external;

    /// @notice A guardian (by its current key) approves moving `identity` to `newKey`.
    function approveRecovery(address identity, address newKey) external;

    /// @notice Anyone completes a recovery that met the threshold once the delay has passed.
    function finalizeRecovery(address identity, address newKey) external;

    /// @notice The identity's current key voids every pending recovery.
    function cancelRecovery() external;

    /// @notice `addGuardian` signed by the identity's current key and sent by anyone (a sponsor pays):
    /// `AddGuardian(identity, guardian, threshold, nonce, deadline)`.
    function addGuardianBySig(
        address identity,
        address guardian,
        uint8 threshold,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice `removeGuardian`, relayed: `RemoveGuardian(identity, guardian, threshold, nonce, deadline)`.
    function removeGuardianBySig(
        address identity,
        address guardian,
        uint8 threshold,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice `approveRecovery`, signed by the guardian's current key over its own nonce and relayed:
    /// `ApproveRecovery(guardian, identity, newKey, nonce, deadline)`.
    function approveRecoveryBySig(
        address guardian,
        address identity,
        address newKey,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice `cancelRecovery`, relayed: `CancelRecovery(identity, nonce, deadline)`.
    function cancelRecoveryBySig(address identity, uint256 deadline, bytes calldata signature) external;

    function isGuardian(address identity, address guardian) external view returns (bool);

    function guardianSetOf(address identity) external view returns (GuardianSet memory);

    function recoveryId(address identity, address newKey) external view returns (bytes32);

    function recoveryOf(bytes32 recoveryId) external view returns (Recovery memory);

    function recoveryDelay() external view returns (uint32);
}
