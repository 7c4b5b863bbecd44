// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {WithCheatcodes} from "./Vm.sol";

/// @notice Base of every test contract: cheatcodes plus assertions that revert with what differed.
/// @dev forge treats any revert in a test as a failure, so an assertion is a require with a message.
abstract contract Test is WithCheatcodes {
    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert(string.concat("assertion failed: ", message));
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) revert(string.concat("assertion failed (expected false): ", message));
    }

    function assertEq(bool actual, bool expected, string memory message) internal pure {
        if (actual != expected) _fail(message, vm.toString(actual), vm.toString(expected));
    }

    function assertEq(uint256 actual, uint256 expected, string memory message) internal pure {
        if (actual != expected) _fail(message, vm.toString(actual), vm.toString(expected));
    }

    function assertEq(address actual, address expected, string memory message) internal pure {
        if (actual != expected) _fail(message, vm.toString(actual), vm.toString(expected));
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory message) internal pure {
        if (actual != expected) _fail(message, vm.toString(actual), vm.toString(expected));
    }

    function assertEq(string memory actual, string memory expected, string memory message) internal pure {
        if (keccak256(bytes(actual)) != keccak256(bytes(expected))) _fail(message, actual, expected);
    }

    function assertEq(bytes memory actual, bytes memory expected, string memory message) internal pure {
        if (keccak256(actual) != keccak256(expected)) _fail(message, vm.toString(actual), vm.toString(expected));
    }

    function assertNotEq(bytes32 actual, bytes32 unexpected, string memory message) internal pure {
        if (actual == unexpected) {
            revert(string.concat("assertion failed: ", message, ": both are ", vm.toString(actual)));
        }
    }

    function assertLe(uint256 actual, uint256 limit, string memory message) internal pure {
        if (actual > limit) {
            revert(string.concat("assertion failed: ", message, ": ", vm.toString(actual), " > ", vm.toString(limit)));
        }
    }

    function _fail(string memory message, string memory actual, string memory expected) private pure {
        revert(string.concat("assertion failed: ", message, ": got ", actual, ", expected ", expected));
    }
}
