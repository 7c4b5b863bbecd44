// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IEntityRegistry} from "../../src/interfaces/IEntityRegistry.sol";
import {IERC5192} from "../../src/interfaces/IERC5192.sol";
import {Entity, EntityKind, EntityStatus} from "../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../utils/RegistryFixture.sol";

contract EntityRegistryTest is RegistryFixture {
    /// @dev A deeper chain: ministry -> province -> town -> carol, with village a sibling of town.
    address internal province = _actor("province");
    address internal town = _actor("town");
    address internal village = _actor("village");
    address internal carol = _actor("carol");
    address internal newcomer = _actor("newcomer");

    function setUp() public override {
        super.setUp();
        _register(ministry, province, EntityKind.Government);
        _register(province, town, EntityKind.Government);
        _register(province, village, EntityKind.Government);
        _register(town, carol, EntityKind.Person);
    }

    /// @dev Row = registrar kind, column = registered kind, in EntityKind order
    /// (None, Government, Admin, Issuer, Person, Organization).
    function _expectedCanRegister(uint256 registrarKind, uint256 kind) internal pure returns (bool) {
        bool[6][6] memory matrix = [
            [false, false, false, false, false, false], // None
            [false, true, true, true, true, true], // Government
            [false, false, false, false, true, true], // Admin
            [false, false, false, false, false, false], // Issuer
            [false, false, false, false, false, false], // Person
            [false, false, false, false, false, false] // Organization
        ];
        return matrix[registrarKind][kind];
    }

    // ---- registerEntity ----

    function test_RegisterEntityStoresTheRecord() public {
        vm.warp(START + 1 days);
        vm.prank(admin);
        registry.registerEntity(newcomer, EntityKind.Person);
        Entity memory record = registry.entity(newcomer);
        assertEq(record.registrar, admin, "registrar");
        assertEq(uint256(record.kind), uint256(EntityKind.Person), "kind");
        assertEq(uint256(record.status), uint256(EntityStatus.Active), "status");
        assertEq(record.registeredAt, START + 1 days, "registeredAt");
        assertEq(record.linkedCredentials, 0, "linkedCredentials");
    }

    function test_RegisterEntityReturnsTheAccountAsTokenId() public {
        vm.prank(admin);
        uint256 tokenId = registry.registerEntity(newcomer, EntityKind.Person);
        assertEq(tokenId, uint256(uint160(newcomer)), "token id");
    }

    function test_RegisterEntityEmitsEntityRegistered() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IEntityRegistry.EntityRegistered(newcomer, admin, EntityKind.Organization);
        vm.prank(admin);
        registry.registerEntity(newcomer, EntityKind.Organization);
    }

    function test_RegisterEntityEmitsAMintTransferAndLocked() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IERC721.Transfer(address(0), newcomer, _tokenOf(newcomer));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IERC5192.Locked(_tokenOf(newcomer));
        vm.prank(ministry);
        registry.registerEntity(newcomer, EntityKind.Issuer);
    }

    function testFuzz_AGovernmentRegistersEveryKind(uint8 kindSeed) public {
        EntityKind kind = EntityKind(_bound(kindSeed, 1, 5));
        vm.prank(ministry);
        registry.registerEntity(newcomer, kind);
        assertEq(uint256(registry.kindOf(newcomer)), uint256(kind), "kind");
        assertEq(registry.registrarOf(newcomer), ministry, "registrar");
    }

    function test_AnAdminRegistersAPerson() public {
        vm.prank(admin);
        registry.registerEntity(newcomer, EntityKind.Person);
        assertEq(uint256(registry.kindOf(newcomer)), uint256(EntityKind.Person), "kind");
    }

    function test_AnAdminRegistersAnOrganization() public {
        vm.prank(admin);
        registry.registerEntity(newcomer, EntityKind.Organization);
        assertEq(uint256(registry.kindOf(newcomer)), uint256(EntityKind.Organization), "kind");
    }

    function test_RevertWhen_AdminRegistersAGovernment() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, admin, EntityKind.Admin, EntityKind.Government
            )
        );
        vm.prank(admin);
        registry.registerEntity(newcomer, EntityKind.Government);
    }

    function test_RevertWhen_AdminRegistersAnAdmin() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, admin, EntityKind.Admin, EntityKind.Admin
            )
        );
        vm.prank(admin);
        registry.registerEntity(newcomer, EntityKind.Admin);
    }

    function test_RevertWhen_AdminRegistersAnIssuer() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, admin, EntityKind.Admin, EntityKind.Issuer
            )
        );
        vm.prank(admin);
        registry.registerEntity(newcomer, EntityKind.Issuer);
    }

    function test_RevertWhen_AnIssuerRegistersAPerson() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, university, EntityKind.Issuer, EntityKind.Person
            )
        );
        vm.prank(university);
        registry.registerEntity(newcomer, EntityKind.Person);
    }

    function test_RevertWhen_APersonRegistersAPerson() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, alice, EntityKind.Person, EntityKind.Person
            )
        );
        vm.prank(alice);
        registry.registerEntity(newcomer, EntityKind.Person);
    }

    function test_RevertWhen_AnOrganizationRegistersAPerson() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, dealer, EntityKind.Organization, EntityKind.Person
            )
        );
        vm.prank(dealer);
        registry.registerEntity(newcomer, EntityKind.Person);
    }

    function test_RevertWhen_AGovernmentRegistersKindNone() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, ministry, EntityKind.Government, EntityKind.None
            )
        );
        vm.prank(ministry);
        registry.registerEntity(newcomer, EntityKind.None);
    }

    function test_RevertWhen_RegisteringTheZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityZeroAddress.selector));
        vm.prank(ministry);
        registry.registerEntity(address(0), EntityKind.Person);
    }

    function test_RevertWhen_RegisteringAnAccountTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityAlreadyRegistered.selector, alice));
        vm.prank(ministry);
        registry.registerEntity(alice, EntityKind.Person);
    }

    function test_RevertWhen_RegisteringARevokedAccountAgain() public {
        _revoke(admin, alice);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityAlreadyRegistered.selector, alice));
        vm.prank(ministry);
        registry.registerEntity(alice, EntityKind.Person);
    }

    function test_RevertWhen_RegisteringRootAgain() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityAlreadyRegistered.selector, root));
        vm.prank(ministry);
        registry.registerEntity(root, EntityKind.Government);
    }

    function testFuzz_RevertWhen_AnUnregisteredAccountRegistersAnyone(address caller, uint8 kindSeed) public {
        vm.assume(!registry.exists(caller));
        // The holder registry is the registry's trusted relay: its calls carry their signer appended
        // (AuthorityRelay.t.sol covers them), so a bare call from it names whoever the last 20 bytes say.
        vm.assume(caller != registry.holderRegistry());
        EntityKind kind = EntityKind(_bound(kindSeed, 0, 5));
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, caller));
        vm.prank(caller);
        registry.registerEntity(newcomer, kind);
        assertEq(_stateDigest(), before, "state changed");
        assertFalse(registry.exists(newcomer), "newcomer registered");
    }

    function testFuzz_RevertWhen_AnEntityWithoutTheKindRegisters(uint8 registrarSeed, uint8 kindSeed) public {
        address[3] memory unentitled = [university, alice, dealer];
        address caller = unentitled[_bound(registrarSeed, 0, 2)];
        EntityKind kind = EntityKind(_bound(kindSeed, 0, 5));
        bytes32 before = _stateDigest();
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityKindNotAllowed.selector, caller, registry.kindOf(caller), kind)
        );
        vm.prank(caller);
        registry.registerEntity(newcomer, kind);
        assertEq(_stateDigest(), before, "state changed");
    }

    function test_RevertWhen_ASuspendedRegistrarRegisters() public {
        _suspend(ministry, admin);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, admin, EntityStatus.Suspended));
        vm.prank(admin);
        registry.registerEntity(newcomer, EntityKind.Person);
    }

    function test_RevertWhen_ARevokedRegistrarRegisters() public {
        _revoke(ministry, admin);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, admin, EntityStatus.Revoked));
        vm.prank(admin);
        registry.registerEntity(newcomer, EntityKind.Person);
    }

    // ---- kinds matrix ----

    function test_CanRegisterFollowsTheKindsMatrixForAll36Pairs() public view {
        for (uint256 r; r < 6; ++r) {
            for (uint256 k; k < 6; ++k) {
                assertEq(
                    registry.canRegister(EntityKind(r), EntityKind(k)),
                    _expectedCanRegister(r, k),
                    string.concat("canRegister(", vm.toString(r), ", ", vm.toString(k), ")")
                );
            }
        }
    }

    function testFuzz_RegisterEntityFollowsTheKindsMatrix(uint8 registrarKindSeed, uint8 kindSeed) public {
        EntityKind registrarKind = EntityKind(_bound(registrarKindSeed, 1, 5));
        EntityKind kind = EntityKind(_bound(kindSeed, 0, 5));
        address registrar = _actor("registrar");
        _register(ministry, registrar, registrarKind);
        if (!_expectedCanRegister(uint256(registrarKind), uint256(kind))) {
            vm.expectRevert(
                abi.encodeWithSelector(IEntityRegistry.EntityKindNotAllowed.selector, registrar, registrarKind, kind)
            );
        }
        vm.prank(registrar);
        registry.registerEntity(newcomer, kind);
        assertEq(registry.exists(newcomer), _expectedCanRegister(uint256(registrarKind), uint256(kind)), "exists");
    }

    // ---- views ----

    function test_AnUnregisteredAccountHasAnEmptyRecord() public view {
        Entity memory record = registry.entity(stranger);
        assertEq(record.registrar, address(0), "registrar");
        assertEq(uint256(record.kind), uint256(EntityKind.None), "kind");
        assertEq(uint256(record.status), uint256(EntityStatus.None), "status");
        assertEq(record.registeredAt, 0, "registeredAt");
        assertFalse(registry.exists(stranger), "exists");
        assertFalse(registry.isActive(stranger), "isActive");
    }

    function test_ARevokedEntityStillExistsButIsNotActive() public {
        _revoke(admin, alice);
        assertTrue(registry.exists(alice), "exists");
        assertFalse(registry.isActive(alice), "isActive");
    }

    function test_ASuspendedEntityExistsButIsNotActive() public {
        _suspend(admin, alice);
        assertTrue(registry.exists(alice), "exists");
        assertFalse(registry.isActive(alice), "isActive");
    }

    function test_IdentityTokenOfIsTheAccountAsANumber() public view {
        assertEq(registry.identityTokenOf(alice), uint256(uint160(alice)), "token id");
    }

    function test_IdentityTokenOfARevokedEntityStillExists() public {
        _revoke(admin, alice);
        assertEq(registry.identityTokenOf(alice), uint256(uint160(alice)), "token id");
    }

    function test_RevertWhen_AskingTheIdentityTokenOfAnUnregisteredAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
        registry.identityTokenOf(stranger);
    }

    function test_RootIsItsOwnRegistrar() public view {
        assertEq(registry.registrarOf(root), root, "registrar of root");
        assertEq(uint256(registry.kindOf(root)), uint256(EntityKind.Government), "kind of root");
    }

    function test_TheDirectRegistrarIsInTheRegistrationChain() public view {
        assertTrue(registry.isInRegistrationChain(town, carol), "town above carol");
    }

    function test_AGrandParentIsInTheRegistrationChain() public view {
        assertTrue(registry.isInRegistrationChain(province, carol), "province above carol");
        assertTrue(registry.isInRegistrationChain(ministry, carol), "ministry above carol");
    }

    function test_RootIsInEveryRegistrationChain() public view {
        assertTrue(registry.isInRegistrationChain(root, carol), "root above carol");
        assertTrue(registry.isInRegistrationChain(root, root), "root above itself");
    }

    function test_ASiblingIsNotInTheRegistrationChain() public view {
        assertFalse(registry.isInRegistrationChain(village, carol), "village above carol");
    }

    function test_AnEntityIsNotInItsOwnRegistrationChain() public view {
        assertFalse(registry.isInRegistrationChain(carol, carol), "carol above carol");
    }

    function test_AChildIsNotInItsRegistrarsChain() public view {
        assertFalse(registry.isInRegistrationChain(carol, town), "carol above town");
    }

    function test_NobodyIsInTheChainOfAnUnregisteredAccount() public view {
        assertFalse(registry.isInRegistrationChain(root, stranger), "root above stranger");
    }

    // ---- suspendEntity ----

    function test_TheRegistrarSuspendsAnEntity() public {
        _suspend(town, carol);
        assertEq(_statusOf(carol), uint256(EntityStatus.Suspended), "status");
    }

    function test_SuspendEntityEmitsEntityStatusChanged() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IEntityRegistry.EntityStatusChanged(carol, town, EntityStatus.Suspended);
        _suspend(town, carol);
    }

    function test_AGrandParentGovernmentSuspendsAnEntity() public {
        _suspend(province, carol);
        assertEq(_statusOf(carol), uint256(EntityStatus.Suspended), "status");
    }

    function test_AGrandParentSuspendsWhileTheRegistrarInBetweenIsSuspended() public {
        _suspend(province, town);
        _suspend(province, carol);
        assertEq(_statusOf(carol), uint256(EntityStatus.Suspended), "status");
    }

    function test_RootSuspendsAnyEntity() public {
        _suspend(root, carol);
        assertEq(_statusOf(carol), uint256(EntityStatus.Suspended), "status");
    }

    function test_RevertWhen_ASiblingGovernmentSuspends() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotInRegistrationChain.selector, village, carol));
        _suspend(village, carol);
    }

    function test_RevertWhen_AnEntitySuspendsItsRegistrar() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotInRegistrationChain.selector, town, province));
        _suspend(town, province);
    }

    function test_RevertWhen_AnEntitySuspendsItself() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotInRegistrationChain.selector, town, town));
        _suspend(town, town);
    }

    function test_RevertWhen_ASuspendedRegistrarSuspends() public {
        _suspend(province, town);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, town, EntityStatus.Suspended));
        _suspend(town, carol);
    }

    function test_ASuspendedRegistrarsEntitiesStayActive() public {
        _suspend(province, town);
        assertTrue(registry.isActive(carol), "carol active");
    }

    function test_RevertWhen_SuspendingAnUnregisteredAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
        _suspend(root, stranger);
    }

    function test_RevertWhen_SuspendingASuspendedEntity() public {
        _suspend(town, carol);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityInvalidStatusChange.selector, carol, EntityStatus.Suspended)
        );
        _suspend(town, carol);
    }

    function test_RevertWhen_SuspendingARevokedEntity() public {
        _revoke(town, carol);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityInvalidStatusChange.selector, carol, EntityStatus.Revoked)
        );
        _suspend(town, carol);
    }

    function testFuzz_RevertWhen_AnUnregisteredAccountSuspends(address caller) public {
        vm.assume(!registry.exists(caller));
        vm.assume(caller != registry.holderRegistry()); // its calls carry their signer appended
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, caller));
        _suspend(caller, alice);
        assertEq(_stateDigest(), before, "state changed");
    }

    function testFuzz_RevertWhen_AnEntityOutsideTheChainSuspends(uint8 kindSeed) public {
        address outsider = _actor("outsider");
        _register(village, outsider, EntityKind(_bound(kindSeed, 1, 5)));
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotInRegistrationChain.selector, outsider, carol));
        _suspend(outsider, carol);
        assertEq(_stateDigest(), before, "state changed");
    }

    // ---- reinstateEntity ----

    function test_TheRegistrarReinstatesASuspendedEntity() public {
        _suspend(town, carol);
        vm.prank(town);
        registry.reinstateEntity(carol);
        assertEq(_statusOf(carol), uint256(EntityStatus.Active), "status");
    }

    function test_ReinstateEntityEmitsEntityStatusChanged() public {
        _suspend(town, carol);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IEntityRegistry.EntityStatusChanged(carol, province, EntityStatus.Active);
        vm.prank(province);
        registry.reinstateEntity(carol);
    }

    function test_AReinstatedRegistrarRegistersAgain() public {
        _suspend(ministry, admin);
        vm.prank(ministry);
        registry.reinstateEntity(admin);
        vm.prank(admin);
        registry.registerEntity(newcomer, EntityKind.Person);
        assertTrue(registry.isActive(newcomer), "newcomer active");
    }

    function test_RevertWhen_ReinstatingAnActiveEntity() public {
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityInvalidStatusChange.selector, carol, EntityStatus.Active)
        );
        vm.prank(town);
        registry.reinstateEntity(carol);
    }

    function test_RevertWhen_ReinstatingAnUnregisteredAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
        vm.prank(root);
        registry.reinstateEntity(stranger);
    }

    function test_RevertWhen_ASiblingReinstates() public {
        _suspend(town, carol);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotInRegistrationChain.selector, village, carol));
        vm.prank(village);
        registry.reinstateEntity(carol);
    }

    function test_RevertWhen_ASuspendedEntityReinstatesItself() public {
        _suspend(town, carol);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, carol, EntityStatus.Suspended));
        vm.prank(carol);
        registry.reinstateEntity(carol);
    }

    function testFuzz_RevertWhen_AnUnregisteredAccountReinstates(address caller) public {
        vm.assume(!registry.exists(caller));
        vm.assume(caller != registry.holderRegistry()); // its calls carry their signer appended
        _suspend(admin, alice);
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, caller));
        vm.prank(caller);
        registry.reinstateEntity(alice);
        assertEq(_stateDigest(), before, "state changed");
    }

    // ---- revokeEntity ----

    function test_TheRegistrarRevokesAnActiveEntity() public {
        _revoke(town, carol);
        assertEq(_statusOf(carol), uint256(EntityStatus.Revoked), "status");
    }

    function test_ASuspendedEntityCanBeRevoked() public {
        _suspend(town, carol);
        _revoke(town, carol);
        assertEq(_statusOf(carol), uint256(EntityStatus.Revoked), "status");
    }

    function test_RevokeEntityEmitsEntityStatusChanged() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IEntityRegistry.EntityStatusChanged(carol, ministry, EntityStatus.Revoked);
        _revoke(ministry, carol);
    }

    function test_RevertWhen_ReinstatingARevokedEntity() public {
        _revoke(town, carol);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityInvalidStatusChange.selector, carol, EntityStatus.Revoked)
        );
        vm.prank(root);
        registry.reinstateEntity(carol);
    }

    function test_RevertWhen_RevokingARevokedEntity() public {
        _revoke(town, carol);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityInvalidStatusChange.selector, carol, EntityStatus.Revoked)
        );
        _revoke(root, carol);
    }

    function test_RevertWhen_RevokingAnUnregisteredAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
        _revoke(root, stranger);
    }

    function test_RevertWhen_ASiblingRevokes() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotInRegistrationChain.selector, village, carol));
        _revoke(village, carol);
    }

    function testFuzz_RevertWhen_AnUnregisteredAccountRevokes(address caller) public {
        vm.assume(!registry.exists(caller));
        vm.assume(caller != registry.holderRegistry()); // its calls carry their signer appended
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, caller));
        _revoke(caller, alice);
        assertEq(_stateDigest(), before, "state changed");
    }
}
