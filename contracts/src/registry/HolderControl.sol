// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IHolderRegistry} from "../interfaces/IHolderRegistry.sol";
import {IIdentityRegistry} from "../interfaces/IIdentityRegistry.sol";
import {HolderRegistry} from "../holders/HolderRegistry.sol";

/// @dev The registry deploys its holder registry itself, so the pair can never be mis-wired and the
/// address is an immutable (no storage read on every holder action). The registry has no bytecode to
/// spare (EIP-170), which is why keys, guardians and consent live in that second contract.
abstract contract HolderControl {
    /// @dev A grant lasts at most a year; a recovery waits two days for the current key to object.
    uint32 private constant _MAX_GRANT_DURATION = 365 days;
    uint32 private constant _RECOVERY_DELAY = 2 days;

    IHolderRegistry internal immutable _holders;

    constructor() {
        _holders = new HolderRegistry(IIdentityRegistry(address(this)), _MAX_GRANT_DURATION, _RECOVERY_DELAY);
    }
}
