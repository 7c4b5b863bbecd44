// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IKeyBindings} from "../interfaces/IKeyBindings.sol";

/// @dev Every registry action resolves its caller to the identity it acts for, so a key that lost control
/// (rotation, guardian recovery, registrar rebind) can act for no one and the current key acts with the
/// identity's full standing. The holder registry owns the bindings; it reports every change through
/// `onKeyChanged`, and this mirror of it lets the hot path resolve a caller with one storage read instead of
/// an external call to a cold contract (about 3,300 gas less on every authority and holder action).
abstract contract KeyResolution {
    /// @dev Marks a key that acted before and can no longer act for anyone. Not a real key: nobody holds its
    /// private key, and it is never a registered entity.
    address private constant _RETIRED = address(type(uint160).max);

    /// @dev Zero for an address never bound (it acts for itself); the identity for a bound key; `_RETIRED`
    /// for a key that lost control, the identity's own address included once control moved away from it.
    mapping(address key => address identity) private _actingFor;

    /// @dev The identity the calling key acts for; reverts for a retired key.
    function _actor() internal view returns (address actor) {
        actor = _actingFor[msg.sender];
        if (actor == address(0)) return msg.sender;
        if (actor == _RETIRED) revert IKeyBindings.KeyRetired(msg.sender);
    }

    /// @dev Whether `account` was ever bound as a key or retired: such an address can never become an
    /// entity, or its earlier signatures would start acting for a second identity.
    function _wasEverBound(address account) internal view returns (bool) {
        return _actingFor[account] != address(0);
    }

    /// @dev Mirrors a key change of the holder registry: `previousKey` (the identity itself on the first
    /// change) retires and `newKey` acts for `identity`.
    function _recordKeyChange(address identity, address previousKey, address newKey) internal {
        _actingFor[previousKey] = _RETIRED;
        _actingFor[newKey] = identity;
    }
}
