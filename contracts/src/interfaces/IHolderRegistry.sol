// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IKeyBindings} from "./IKeyBindings.sol";
import {IGuardianRecovery} from "./IGuardianRecovery.sol";
import {IConsentRegistry} from "./IConsentRegistry.sol";
import {ICompromiseReports} from "./ICompromiseReports.sol";
import {IAuthorityRelay} from "./IAuthorityRelay.sol";

/// @title The holder registry: what a holder controls beside its credentials.
/// @notice Key bindings, guardian recovery and consent live in one contract deployed by the identity
/// registry, because a grant must know the holder's identity behind the calling key, and one local read
/// is what keeps `grantAccess` under 50,000 gas (an external call would cost another 2,600 or more).
interface IHolderRegistry is IKeyBindings, IGuardianRecovery, IConsentRegistry, ICompromiseReports, IAuthorityRelay {
    /// @notice The identity registry this contract serves.
    function registry() external view returns (address);
}
