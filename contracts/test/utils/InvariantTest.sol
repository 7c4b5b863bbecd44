// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "./Test.sol";

/// @notice Which functions of a contract the invariant fuzzer may call.
/// @dev forge reads this shape from `targetSelectors()`; the field names do not matter, the layout does.
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @notice Base of invariant tests. forge calls `targetContracts()` and `targetSelectors()` when they
/// exist; a test registers its handler and the handler's actions in `setUp`.
abstract contract InvariantTest is Test {
    address[] private _targetContracts;
    FuzzSelector[] private _targetSelectors;

    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    /// @notice Lets the fuzzer call exactly `selectors` on `target`.
    function _targetActions(address target, bytes4[] memory selectors) internal {
        _targetContracts.push(target);
        _targetSelectors.push(FuzzSelector(target, selectors));
    }
}
