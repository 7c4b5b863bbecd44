// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRootAuthority} from "../interfaces/IRootAuthority.sol";
import {KeyResolution} from "./KeyResolution.sol";

/// @dev Two-step root handover, in the manner of OpenZeppelin's Ownable2Step. Root is an identity: whichever
/// key controls it now acts as root.
abstract contract RootAuthority is KeyResolution, IRootAuthority {
    address private _root;
    address private _pendingRoot;

    constructor(address initialRoot) {
        _root = initialRoot;
        emit RootTransferred(address(0), initialRoot);
    }

    modifier onlyRoot() {
        address caller = _actor();
        if (caller != _root) revert RootUnauthorizedAccount(caller);
        _;
    }

    /// @inheritdoc IRootAuthority
    function root() public view returns (address) {
        return _root;
    }

    /// @inheritdoc IRootAuthority
    function pendingRoot() external view returns (address) {
        return _pendingRoot;
    }

    /// @inheritdoc IRootAuthority
    function transferRoot(address newRoot) external onlyRoot {
        if (newRoot != address(0) && !_isActiveGovernment(newRoot)) revert RootNotAGovernment(newRoot);
        _pendingRoot = newRoot;
        emit RootTransferStarted(_root, newRoot);
    }

    /// @inheritdoc IRootAuthority
    function acceptRoot() external {
        address pending = _pendingRoot;
        address caller = _actor();
        if (caller != pending || pending == address(0)) revert RootNotPending(caller, pending);
        // The offer may have been made before the new root lost its standing.
        if (!_isActiveGovernment(pending)) revert RootNotAGovernment(pending);
        address previous = _root;
        _root = pending;
        delete _pendingRoot;
        emit RootTransferred(previous, pending);
    }

    function _isActiveGovernment(address account) internal view virtual returns (bool);
}
