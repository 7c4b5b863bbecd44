// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEntityRegistry} from "../../src/interfaces/IEntityRegistry.sol";
import {ICredentialRegistry} from "../../src/interfaces/ICredentialRegistry.sol";
import {IIdentityTree} from "../../src/interfaces/IIdentityTree.sol";
import {EntityStatus} from "../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../utils/RegistryFixture.sol";

contract IdentityTreeTest is RegistryFixture {
    bytes32 internal birth;
    bytes32 internal title;

    function setUp() public override {
        super.setUp();
        birth = _anchorBirthCertificate(alice);
        title = _anchorCarTitle(alice);
    }

    function _link(address holder, bytes32 uid) internal {
        vm.prank(holder);
        registry.linkCredential(uid);
    }

    function _unlink(address holder, bytes32 uid) internal {
        vm.prank(holder);
        registry.unlinkCredential(uid);
    }

    // ---- linkCredential ----

    function test_TheHolderLinksACredential() public {
        _link(alice, birth);
        assertTrue(registry.isLinked(alice, birth), "isLinked");
        assertTrue(registry.credential(birth).linked, "linked flag");
        assertEq(registry.linkedCredentialCount(alice), 1, "count");
    }

    function test_LinkCredentialEmitsCredentialLinked() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IIdentityTree.CredentialLinked(alice, birth);
        _link(alice, birth);
    }

    function test_TheCountGrowsWithEachLink() public {
        _link(alice, birth);
        _link(alice, title);
        assertEq(registry.linkedCredentialCount(alice), 2, "count");
        assertEq(registry.entity(alice).linkedCredentials, 2, "entity record");
    }

    function test_LinkingDoesNotChangeTheCredentialsLevel() public {
        uint256 levelBefore = _levelOf(title);
        _link(alice, title);
        assertEq(_levelOf(title), levelBefore, "level");
    }

    function test_RevertWhen_LinkingTwice() public {
        _link(alice, birth);
        vm.expectRevert(abi.encodeWithSelector(IIdentityTree.TreeAlreadyLinked.selector, birth));
        _link(alice, birth);
    }

    function test_RevertWhen_LinkingSomeoneElsesCredential() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityTree.TreeNotCredentialHolder.selector, bob, birth));
        _link(bob, birth);
    }

    function test_RevertWhen_TheIssuerLinksTheCredential() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityTree.TreeNotCredentialHolder.selector, ministry, birth));
        _link(ministry, birth);
    }

    function test_RevertWhen_LinkingAnUnknownCredential() public {
        bytes32 unknown = keccak256("unknown");
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotFound.selector, unknown));
        _link(alice, unknown);
    }

    function test_RevertWhen_ASuspendedHolderLinks() public {
        _suspend(admin, alice);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, alice, EntityStatus.Suspended));
        _link(alice, birth);
    }

    function testFuzz_RevertWhen_AnUnregisteredAccountLinks(address caller) public {
        vm.assume(!registry.exists(caller));
        vm.assume(caller != registry.holderRegistry()); // its calls carry their signer appended
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, caller));
        _link(caller, birth);
        assertEq(_stateDigest(), before, "state changed");
    }

    function testFuzz_RevertWhen_ARegisteredEntityOtherThanTheHolderLinks(uint8 callerSeed) public {
        address[6] memory others = [root, ministry, admin, university, dealer, bob];
        address caller = others[_bound(callerSeed, 0, 5)];
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IIdentityTree.TreeNotCredentialHolder.selector, caller, birth));
        _link(caller, birth);
        assertEq(_stateDigest(), before, "state changed");
    }

    // ---- unlinkCredential ----

    function test_TheHolderUnlinksACredential() public {
        _link(alice, birth);
        _unlink(alice, birth);
        assertFalse(registry.isLinked(alice, birth), "isLinked");
        assertFalse(registry.credential(birth).linked, "linked flag");
        assertEq(registry.linkedCredentialCount(alice), 0, "count");
    }

    function test_UnlinkCredentialEmitsCredentialUnlinked() public {
        _link(alice, birth);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IIdentityTree.CredentialUnlinked(alice, birth);
        _unlink(alice, birth);
    }

    function test_UnlinkingOneKeepsTheOthersLinked() public {
        _link(alice, birth);
        _link(alice, title);
        _unlink(alice, birth);
        assertTrue(registry.isLinked(alice, title), "title linked");
        assertEq(registry.linkedCredentialCount(alice), 1, "count");
    }

    function test_AnUnlinkedCredentialCanBeLinkedAgain() public {
        _link(alice, birth);
        _unlink(alice, birth);
        _link(alice, birth);
        assertTrue(registry.isLinked(alice, birth), "isLinked");
        assertEq(registry.linkedCredentialCount(alice), 1, "count");
    }

    function test_RevertWhen_UnlinkingACredentialThatIsNotLinked() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityTree.TreeNotLinked.selector, birth));
        _unlink(alice, birth);
    }

    function test_RevertWhen_UnlinkingAnUnknownCredential() public {
        bytes32 unknown = keccak256("unknown");
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotFound.selector, unknown));
        _unlink(alice, unknown);
    }

    function testFuzz_RevertWhen_SomeoneOtherThanTheHolderUnlinks(address caller) public {
        vm.assume(caller != alice);
        _link(alice, birth);
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IIdentityTree.TreeNotCredentialHolder.selector, caller, birth));
        _unlink(caller, birth);
        assertEq(_stateDigest(), before, "state changed");
    }

    // ---- views ----

    function test_IsLinkedIsFalseForAnotherHolder() public {
        _link(alice, birth);
        assertFalse(registry.isLinked(bob, birth), "linked to bob");
    }

    function test_IsLinkedIsFalseForTheZeroHolderAndAnUnknownCredential() public view {
        assertFalse(registry.isLinked(address(0), keccak256("unknown")), "isLinked");
    }

    function test_AnUnregisteredAccountHasNoLinks() public view {
        assertEq(registry.linkedCredentialCount(stranger), 0, "count");
    }
}
