// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEntityRegistry} from "../../../src/interfaces/IEntityRegistry.sol";
import {ICredentialRegistry} from "../../../src/interfaces/ICredentialRegistry.sol";
import {IIdentityTree} from "../../../src/interfaces/IIdentityTree.sol";
import {EntityStatus} from "../../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../../utils/RegistryFixture.sol";

/// @notice Asset credentials change holder in two steps: the holder asks, the issuer approves.
contract TransfersTest is RegistryFixture {
    bytes32 internal title = _commitment("car title");
    bytes32 internal uid;

    function setUp() public override {
        super.setUp();
        uid = _anchorCarTitle(alice);
    }

    function _requestTransfer(address holder, address to) internal {
        vm.prank(holder);
        registry.requestCredentialTransfer(uid, to);
    }

    function _approveTransfer(address issuer, address to) internal {
        vm.prank(issuer);
        registry.approveCredentialTransfer(title, to);
    }

    function _link(address holder) internal {
        vm.prank(holder);
        registry.linkCredential(uid);
    }

    // ---- heldSince ----

    function test_HeldSinceIsZeroUntilTheCredentialMoves() public {
        assertEq(registry.heldSince(uid), 0, "held since anchoring");
        _requestTransfer(alice, bob);
        assertEq(registry.heldSince(uid), 0, "a request alone moves nothing");
    }

    function test_HeldSinceIsTheTimeOfEachArrival() public {
        vm.warp(START + 100);
        _requestTransfer(alice, bob);
        _approveTransfer(dealer, bob);
        assertEq(registry.heldSince(uid), START + 100, "bob's arrival");
        assertEq(registry.pendingTransferOf(uid), address(0), "nothing pending after approval");
        vm.warp(START + 200);
        _requestTransfer(bob, alice);
        assertEq(registry.heldSince(uid), START + 100, "a request keeps bob's arrival");
        _approveTransfer(dealer, alice);
        assertEq(registry.heldSince(uid), START + 200, "alice's second arrival");
    }

    // ---- requestCredentialTransfer ----

    function test_TheHolderRequestsATransfer() public {
        _requestTransfer(alice, bob);
        assertEq(registry.pendingTransferOf(uid), bob, "pending transfer");
        assertEq(registry.credential(uid).subject, alice, "the holder does not change yet");
    }

    function test_RequestCredentialTransferEmitsCredentialTransferRequested() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.CredentialTransferRequested(uid, alice, bob);
        _requestTransfer(alice, bob);
    }

    function test_ANewRequestReplacesThePendingOne() public {
        _requestTransfer(alice, bob);
        _requestTransfer(alice, dealer);
        assertEq(registry.pendingTransferOf(uid), dealer, "pending transfer");
    }

    function test_NothingIsPendingAtFirst() public view {
        assertEq(registry.pendingTransferOf(uid), address(0), "pending transfer");
    }

    function testFuzz_RevertWhen_SomeoneOtherThanTheHolderRequests(address caller) public {
        vm.assume(caller != alice);
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotHolder.selector, caller, uid));
        _requestTransfer(caller, bob);
        assertEq(_stateDigest(), before, "state changed");
    }

    function test_RevertWhen_TheIssuerRequestsInsteadOfTheHolder() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotHolder.selector, dealer, uid));
        _requestTransfer(dealer, bob);
    }

    function test_RevertWhen_RequestingAnUnknownCredential() public {
        bytes32 unknown = keccak256("unknown");
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotFound.selector, unknown));
        vm.prank(alice);
        registry.requestCredentialTransfer(unknown, bob);
    }

    function test_RevertWhen_RequestingToTransferABirthCertificate() public {
        bytes32 birth = _anchorBirthCertificate(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialOperationNotSupported.selector, birth, BIRTH_CERTIFICATE
            )
        );
        vm.prank(alice);
        registry.requestCredentialTransfer(birth, bob);
    }

    function test_RevertWhen_RequestingToTransferACurriculum() public {
        bytes32 curriculum = _anchorCurriculum(alice, _anchorBirthCertificate(alice));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialOperationNotSupported.selector, curriculum, SCHOLAR_CURRICULUM
            )
        );
        vm.prank(alice);
        registry.requestCredentialTransfer(curriculum, bob);
    }

    function test_RevertWhen_RequestingToTransferAPassport() public {
        bytes32 passport = _anchor(ministry, _request(alice, PASSPORT, _commitment("passport")));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialOperationNotSupported.selector, passport, PASSPORT)
        );
        vm.prank(alice);
        registry.requestCredentialTransfer(passport, bob);
    }

    function test_RevertWhen_RequestingToTransferARevokedCredential() public {
        vm.prank(dealer);
        registry.revokeCredential(title);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialAlreadyRevoked.selector, uid));
        _requestTransfer(alice, bob);
    }

    function test_RevertWhen_TheHolderRequestsATransferToItself() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTransferNotRequested.selector, uid, alice));
        _requestTransfer(alice, alice);
    }

    function test_RevertWhen_TheRecipientIsUnregistered() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
        _requestTransfer(alice, stranger);
    }

    function test_RevertWhen_TheRecipientIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, address(0)));
        _requestTransfer(alice, address(0));
    }

    function test_RevertWhen_TheRecipientIsSuspended() public {
        _suspend(admin, bob);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, bob, EntityStatus.Suspended));
        _requestTransfer(alice, bob);
    }

    // ---- approveCredentialTransfer ----

    function test_TheIssuerApprovesAndTheHolderChanges() public {
        _requestTransfer(alice, bob);
        _approveTransfer(dealer, bob);
        assertEq(registry.credential(uid).subject, bob, "subject");
        assertEq(registry.pendingTransferOf(uid), address(0), "pending transfer");
        assertTrue(registry.isCredentialValid(uid), "valid");
    }

    function test_ApproveCredentialTransferEmitsCredentialTransferred() public {
        _requestTransfer(alice, bob);
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.CredentialTransferred(uid, alice, bob);
        _approveTransfer(dealer, bob);
    }

    function test_ALinkedCredentialIsUnlinkedFromTheOldHolder() public {
        _link(alice);
        _requestTransfer(alice, bob);
        _approveTransfer(dealer, bob);
        assertFalse(registry.isLinked(alice, uid), "linked to alice");
        assertFalse(registry.isLinked(bob, uid), "linked to bob");
        assertFalse(registry.credential(uid).linked, "linked flag");
    }

    function test_LinkCountsFollowTheTransfer() public {
        _link(alice);
        _requestTransfer(alice, bob);
        _approveTransfer(dealer, bob);
        assertEq(registry.linkedCredentialCount(alice), 0, "alice's links");
        assertEq(registry.linkedCredentialCount(bob), 0, "bob's links");
        _link(bob);
        assertEq(registry.linkedCredentialCount(bob), 1, "bob's links after linking");
    }

    function test_TransferringALinkedCredentialEmitsCredentialUnlinked() public {
        _link(alice);
        _requestTransfer(alice, bob);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IIdentityTree.CredentialUnlinked(alice, uid);
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.CredentialTransferred(uid, alice, bob);
        _approveTransfer(dealer, bob);
    }

    function test_TheNewHolderMayPassTheCredentialOn() public {
        _requestTransfer(alice, bob);
        _approveTransfer(dealer, bob);
        _requestTransfer(bob, dealer);
        assertEq(registry.pendingTransferOf(uid), dealer, "pending transfer");
    }

    function test_RevertWhen_TheOldHolderRequestsAfterTheTransfer() public {
        _requestTransfer(alice, bob);
        _approveTransfer(dealer, bob);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotHolder.selector, alice, uid));
        _requestTransfer(alice, dealer);
    }

    function test_RevertWhen_ApprovingWithoutARequest() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTransferNotRequested.selector, uid, bob));
        _approveTransfer(dealer, bob);
    }

    function test_RevertWhen_ApprovingARecipientOtherThanTheRequestedOne() public {
        _requestTransfer(alice, bob);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialTransferNotRequested.selector, uid, university)
        );
        _approveTransfer(dealer, university);
    }

    function test_RevertWhen_ApprovingTheZeroAddress() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialTransferNotRequested.selector, uid, address(0))
        );
        _approveTransfer(dealer, address(0));
    }

    function test_RevertWhen_ApprovingTheSameRequestTwice() public {
        _requestTransfer(alice, bob);
        _approveTransfer(dealer, bob);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTransferNotRequested.selector, uid, bob));
        _approveTransfer(dealer, bob);
    }

    function test_RevertWhen_ApprovingARevokedCredential() public {
        _requestTransfer(alice, bob);
        vm.prank(dealer);
        registry.revokeCredential(title);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialAlreadyRevoked.selector, uid));
        _approveTransfer(dealer, bob);
    }

    function test_RevertWhen_TheRecipientWasSuspendedAfterTheRequest() public {
        _requestTransfer(alice, bob);
        _suspend(admin, bob);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, bob, EntityStatus.Suspended));
        _approveTransfer(dealer, bob);
    }

    function test_RevertWhen_ASuspendedIssuerApproves() public {
        _requestTransfer(alice, bob);
        _suspend(admin, dealer);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, dealer, EntityStatus.Suspended)
        );
        _approveTransfer(dealer, bob);
    }

    function test_RevertWhen_TheHolderApprovesItsOwnRequest() public {
        _requestTransfer(alice, bob);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialNotFound.selector, registry.credentialId(alice, title))
        );
        _approveTransfer(alice, bob);
    }

    function testFuzz_RevertWhen_AnUnregisteredAccountApproves(address caller) public {
        vm.assume(!registry.exists(caller));
        _requestTransfer(alice, bob);
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, caller));
        _approveTransfer(caller, bob);
        assertEq(_stateDigest(), before, "state changed");
    }

    function testFuzz_RevertWhen_ARegisteredEntityOtherThanTheIssuerApproves(uint8 callerSeed) public {
        address[6] memory others = [root, ministry, admin, university, alice, bob];
        address caller = others[_bound(callerSeed, 0, 5)];
        _requestTransfer(alice, bob);
        bytes32 before = _stateDigest();
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialNotFound.selector, registry.credentialId(caller, title)
            )
        );
        _approveTransfer(caller, bob);
        assertEq(_stateDigest(), before, "state changed");
    }
}
