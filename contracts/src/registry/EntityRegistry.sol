// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEntityRegistry} from "../interfaces/IEntityRegistry.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC5192} from "../interfaces/IERC5192.sol";
import {Entity, EntityKind, EntityStatus} from "../interfaces/IdentityTypes.sol";
import {RootAuthority} from "./RootAuthority.sol";

abstract contract EntityRegistry is RootAuthority, IEntityRegistry {
    mapping(address account => Entity record) internal _entities;

    constructor() RootAuthority(msg.sender) {
        // The deployer is the root government and its own registrar: the top of every chain.
        _mintIdentity(msg.sender, msg.sender, EntityKind.Government);
    }

    /// @inheritdoc IEntityRegistry
    function registerEntity(address account, EntityKind kind) external returns (uint256 tokenId) {
        address caller = _actor();
        Entity storage registrar = _requireActive(caller);
        if (!canRegister(registrar.kind, kind)) revert EntityKindNotAllowed(caller, registrar.kind, kind);
        if (account == address(0)) revert EntityZeroAddress();
        if (_entities[account].status != EntityStatus.None) revert EntityAlreadyRegistered(account);
        if (_wasEverBound(account)) revert EntityKeyInUse(account);
        return _mintIdentity(account, caller, kind);
    }

    /// @inheritdoc IEntityRegistry
    function suspendEntity(address account) external {
        _changeStatus(account, EntityStatus.Active, EntityStatus.Suspended);
    }

    /// @inheritdoc IEntityRegistry
    function reinstateEntity(address account) external {
        _changeStatus(account, EntityStatus.Suspended, EntityStatus.Active);
    }

    /// @inheritdoc IEntityRegistry
    function revokeEntity(address account) external {
        _changeStatus(account, EntityStatus.None, EntityStatus.Revoked);
    }

    /// @inheritdoc IEntityRegistry
    function entity(address account) external view returns (Entity memory) {
        return _entities[account];
    }

    /// @inheritdoc IEntityRegistry
    function exists(address account) public view returns (bool) {
        return _entities[account].status != EntityStatus.None;
    }

    /// @inheritdoc IEntityRegistry
    function isActive(address account) public view returns (bool) {
        return _entities[account].status == EntityStatus.Active;
    }

    /// @inheritdoc IEntityRegistry
    function kindOf(address account) external view returns (EntityKind) {
        return _entities[account].kind;
    }

    /// @inheritdoc IEntityRegistry
    function registrarOf(address account) external view returns (address) {
        return _entities[account].registrar;
    }

    /// @inheritdoc IEntityRegistry
    function identityTokenOf(address account) external view returns (uint256) {
        if (!exists(account)) revert EntityNotRegistered(account);
        return uint256(uint160(account));
    }

    /// @inheritdoc IEntityRegistry
    function canRegister(EntityKind registrarKind, EntityKind kind) public pure returns (bool) {
        if (kind == EntityKind.None) return false;
        if (registrarKind == EntityKind.Government) return true;
        if (registrarKind == EntityKind.Admin) return kind == EntityKind.Person || kind == EntityKind.Organization;
        return false;
    }

    /// @inheritdoc IEntityRegistry
    function isInRegistrationChain(address ancestor, address account) public view returns (bool) {
        if (!exists(account)) return false;
        address current = account;
        // Chains end at an entity that registered itself (the first root); depth is bounded by
        // the number of registrations, and each step is one storage read.
        while (true) {
            address up = _entities[current].registrar;
            if (up == ancestor) return true;
            if (up == current) return false;
            current = up;
        }
        return false;
    }

    function _mintIdentity(address account, address registrar, EntityKind kind) internal returns (uint256 tokenId) {
        _entities[account] = Entity({
            registrar: registrar,
            kind: kind,
            status: EntityStatus.Active,
            registeredAt: uint40(block.timestamp),
            linkedCredentials: 0,
            keyMoved: false
        });
        tokenId = uint256(uint160(account));
        emit EntityRegistered(account, registrar, kind);
        emit IERC721.Transfer(address(0), account, tokenId);
        emit IERC5192.Locked(tokenId);
    }

    function _changeStatus(address account, EntityStatus from, EntityStatus to) private {
        Entity storage target = _entities[account];
        EntityStatus current = target.status;
        if (current == EntityStatus.None) revert EntityNotRegistered(account);
        // `from == None` means "any live status" (revocation works on active and suspended alike).
        bool allowed = from == EntityStatus.None ? current != EntityStatus.Revoked : current == from;
        if (!allowed || account == root()) revert EntityInvalidStatusChange(account, current);
        address caller = _actor();
        _requireRegistrarAbove(caller, account);
        target.status = to;
        emit EntityStatusChanged(account, caller, to);
    }

    /// @dev Root, or an active registrar in `account`'s registration chain: who may suspend, reinstate or
    /// revoke `account`, and revoke what it issued.
    function _requireRegistrarAbove(address caller, address account) internal view {
        if (caller == root()) return;
        Entity storage record = _requireActive(caller);
        // The first root registered itself and so heads every chain; that place belongs to
        // whoever is root now, so a former root keeps no power over the registry.
        if (record.registrar == caller || !isInRegistrationChain(caller, account)) {
            revert EntityNotInRegistrationChain(caller, account);
        }
    }

    function _requireActive(address account) internal view returns (Entity storage record) {
        record = _entities[account];
        EntityStatus status = record.status;
        if (status == EntityStatus.None) revert EntityNotRegistered(account);
        if (status != EntityStatus.Active) revert EntityNotActive(account, status);
    }

    function _isActiveGovernment(address account) internal view override returns (bool) {
        Entity storage record = _entities[account];
        return record.status == EntityStatus.Active && record.kind == EntityKind.Government;
    }
}
