// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title The identity tree: credentials a holder has linked into their identity.
/// @notice Links are a flag on the credential plus a counter on the holder, so linking never
/// allocates storage. The list itself is rebuilt from `CredentialLinked`/`CredentialUnlinked`.
interface IIdentityTree {
    /// @notice `holder` is not the credential's current subject.
    error TreeNotCredentialHolder(address holder, bytes32 uid);
    /// @notice The credential is already linked.
    error TreeAlreadyLinked(bytes32 uid);
    /// @notice The credential is not linked.
    error TreeNotLinked(bytes32 uid);

    event CredentialLinked(address indexed holder, bytes32 indexed uid);
    event CredentialUnlinked(address indexed holder, bytes32 indexed uid);

    /// @notice Links a credential issued to the caller into the caller's identity tree.
    function linkCredential(bytes32 uid) external;

    /// @notice Removes a credential from the caller's identity tree.
    function unlinkCredential(bytes32 uid) external;

    function linkedCredentialCount(address holder) external view returns (uint256);

    function isLinked(address holder, bytes32 uid) external view returns (bool);
}
