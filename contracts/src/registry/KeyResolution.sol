// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @dev Every registry action resolves its caller to the identity it acts for, so a key that lost control
/// (rotation, guardian recovery, registrar rebind) acts for no one and the current key acts with the
/// identity's full standing. Declared here, at the base, so root's checks use it too; implemented where the
/// entity records and the holder registry meet (IdentityToken).
abstract contract KeyResolution {
    /// @dev The identity the calling key acts for; reverts `KeyRetired` for a key that lost control.
    function _actor() internal view virtual returns (address);

    /// @dev Whether `account` is or was a key bound to an identity: such an address never becomes an entity,
    /// or its earlier signatures would start acting for a second identity.
    function _wasEverBound(address account) internal view virtual returns (bool);
}
