// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EntityStatus} from "./IdentityTypes.sol";

/// @notice A compromise of an authority's key, as a registrar above it reported it (one slot).
/// @dev What the authority anchored from `since` to `reportedAt` is void, whoever holds it. What it anchored
/// before `since` keeps its standing while the authority's status is still `cutOff`, the suspension or
/// revocation that went with the report; a reinstatement (after a rebind) or a later revocation replaces it.
struct Compromise {
    uint40 since;
    uint40 reportedAt;
    EntityStatus cutOff;
}

/// @title Compromise reports: cutting off a stolen authority key without voiding its rightful issuance.
/// @notice Lives in the holder registry because the identity registry is at EIP-170's size limit, and because
/// the report is about keys: who may report is resolved through the key bindings like a registrar rebind.
interface ICompromiseReports {
    /// @notice A compromise cannot start at `since`: zero, or later than now.
    error CompromiseTimeInvalid(address account, uint40 since);
    /// @notice `account` is not suspended or revoked: cut it off first, in the identity registry.
    error CompromiseNotCutOff(address account);
    /// @notice `account` already has a report; revoke a later incident's credentials one by one (`revokeCredentialOf`).
    error CompromiseAlreadyReported(address account);

    event CompromiseReported(address indexed account, address indexed by, uint40 since, EntityStatus cutOff);

    /// @notice Records that `account`'s key was compromised from `since`, after the caller (root or a registrar
    /// above `account`, through its current key) suspended or revoked it. Once per account.
    function reportCompromise(address account, uint40 since) external;

    /// @notice The report on `account`, all zero when none.
    function compromiseOf(address account) external view returns (Compromise memory);
}
