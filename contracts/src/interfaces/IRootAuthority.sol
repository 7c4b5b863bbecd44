// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title The root authority: the government that deployed the registry.
/// @notice Handing root over takes two steps, so a typo cannot give the country away.
interface IRootAuthority {
    /// @notice The caller is not the root authority.
    error RootUnauthorizedAccount(address account);
    /// @notice The caller is not the pending root.
    error RootNotPending(address account, address pendingRoot);
    /// @notice A new root must be an active registered government.
    error RootNotAGovernment(address account);

    event RootTransferStarted(address indexed previousRoot, address indexed newRoot);
    event RootTransferred(address indexed previousRoot, address indexed newRoot);

    /// @notice The current root government.
    function root() external view returns (address);

    /// @notice The government that may accept root, or zero.
    function pendingRoot() external view returns (address);

    /// @notice Offers root to `newRoot`, an active government. Zero cancels a pending offer.
    function transferRoot(address newRoot) external;

    /// @notice Accepts a pending root offer.
    function acceptRoot() external;
}
