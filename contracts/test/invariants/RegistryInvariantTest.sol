// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IdentityRegistry} from "../../src/IdentityRegistry.sol";
import {InvariantTest} from "../utils/InvariantTest.sol";
import {RegistryHandler} from "./handlers/RegistryHandler.sol";

/// @notice Shared setup of the invariant suites: one handler, the only contract the fuzzer calls.
abstract contract RegistryInvariantTest is InvariantTest {
    RegistryHandler internal handler;
    IdentityRegistry internal registry;

    function setUp() public virtual {
        handler = new RegistryHandler();
        registry = handler.registry();
        _targetActions(address(handler), handler.actions());
    }

    /// @dev The handler keeps the clock; invariants are judged at the handler's "now".
    modifier atHandlerTime() {
        vm.warp(handler.currentTime());
        _;
    }
}
