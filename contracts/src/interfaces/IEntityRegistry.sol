// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Entity, EntityKind, EntityStatus} from "./IdentityTypes.sol";

/// @title The entity registry: who exists, of what kind, registered by whom.
/// @notice Governments register governments, admins, issuers, people and organizations; admins
/// register people and organizations. Every registration mints one soulbound identity token.
interface IEntityRegistry {
    /// @notice The zero address cannot be an entity.
    error EntityZeroAddress();
    /// @notice `account` is already registered.
    error EntityAlreadyRegistered(address account);
    /// @notice `account` is not registered.
    error EntityNotRegistered(address account);
    /// @notice `account` is registered but not active.
    error EntityNotActive(address account, EntityStatus status);
    /// @notice `registrar`, of kind `registrarKind`, may not register an entity of kind `kind`.
    error EntityKindNotAllowed(address registrar, EntityKind registrarKind, EntityKind kind);
    /// @notice `caller` is not in `account`'s registration chain.
    error EntityNotInRegistrationChain(address caller, address account);
    /// @notice The requested status change is not possible from `status`.
    error EntityInvalidStatusChange(address account, EntityStatus status);
    /// @notice `account` is or was a key bound to an identity, so it cannot be registered as an entity.
    error EntityKeyInUse(address account);

    event EntityRegistered(address indexed account, address indexed registrar, EntityKind kind);
    event EntityStatusChanged(address indexed account, address indexed by, EntityStatus status);

    /// @notice Registers `account` as `kind` and mints its identity token. Every authority action, this one
    /// included, acts for the identity the calling key controls now; a retired key gets the holder registry's
    /// `KeyRetired`, as it does there.
    /// @return tokenId The identity token, `uint256(uint160(account))`.
    function registerEntity(address account, EntityKind kind) external returns (uint256 tokenId);

    /// @notice Suspends an active entity. Callable by its registration chain (any registrar above it).
    function suspendEntity(address account) external;

    /// @notice Reinstates a suspended entity. Callable by its registration chain.
    function reinstateEntity(address account) external;

    /// @notice Revokes an entity for good. Callable by its registration chain.
    function revokeEntity(address account) external;

    /// @notice The full record of `account` (all zero when unregistered).
    function entity(address account) external view returns (Entity memory);

    /// @notice Whether `account` was ever registered (revoked entities still exist).
    function exists(address account) external view returns (bool);

    /// @notice Whether `account` is registered and active.
    function isActive(address account) external view returns (bool);

    function kindOf(address account) external view returns (EntityKind);

    function registrarOf(address account) external view returns (address);

    /// @notice The identity token of `account`; reverts when unregistered.
    function identityTokenOf(address account) external view returns (uint256);

    /// @notice Whether an entity of `registrarKind` may register one of `kind`.
    function canRegister(EntityKind registrarKind, EntityKind kind) external pure returns (bool);

    /// @notice Whether `ancestor` is a registrar above `account` (directly or through its chain).
    function isInRegistrationChain(address ancestor, address account) external view returns (bool);
}
