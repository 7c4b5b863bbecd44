// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IHolderRegistry} from "../interfaces/IHolderRegistry.sol";
import {IIdentityRegistry} from "../interfaces/IIdentityRegistry.sol";
import {IKeyBindings} from "../interfaces/IKeyBindings.sol";
import {KeyBindings} from "./KeyBindings.sol";
import {GuardianRecovery} from "./GuardianRecovery.sol";
import {AccessConsent} from "./AccessConsent.sol";
import {CompromiseReports} from "./CompromiseReports.sol";
import {AuthorityRelay} from "./AuthorityRelay.sol";

/// @title Identree holder registry
/// @notice Deployed by the identity registry's constructor, which reads `keyOf`/`requireIdentityOf` on
/// every holder action. See IHolderRegistry and its parts for behaviour.
contract HolderRegistry is GuardianRecovery, AccessConsent, CompromiseReports, AuthorityRelay, IHolderRegistry {
    constructor(IIdentityRegistry registry_, uint32 maxGrantDuration, uint32 recoveryDelay_)
        KeyBindings(registry_)
        GuardianRecovery(recoveryDelay_)
        AccessConsent(maxGrantDuration)
    {}

    /// @inheritdoc IHolderRegistry
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IKeyBindings
    function nonces(address owner) public view override(KeyBindings, IKeyBindings) returns (uint256) {
        return super.nonces(owner);
    }
}
