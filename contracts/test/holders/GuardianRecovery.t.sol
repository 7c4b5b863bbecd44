// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {HolderFixture} from "../utils/HolderFixture.sol";
import {IGuardianRecovery} from "../../src/interfaces/IGuardianRecovery.sol";
import {IKeyBindings} from "../../src/interfaces/IKeyBindings.sol";
import {EntityKind} from "../../src/interfaces/IdentityTypes.sol";

/// @notice Alice names bob, dealer and university as guardians, 2 of 3.
contract GuardianRecoveryTest is HolderFixture {
    address internal newKey = address(0x4E3B);
    address internal carol;

    function setUp() public override {
        super.setUp();
        carol = _actor("carol");
        _register(admin, carol, EntityKind.Person);
        vm.startPrank(alice);
        holders.addGuardian(bob, 1);
        holders.addGuardian(dealer, 2);
        holders.addGuardian(university, 2);
        vm.stopPrank();
    }

    function _approve(address guardian, address identity, address key) internal {
        vm.prank(guardian);
        holders.approveRecovery(identity, key);
    }

    function test_GuardianSetIsRecorded() public view {
        IGuardianRecovery.GuardianSet memory set = holders.guardianSetOf(alice);
        assertEq(set.count, 3, "three guardians");
        assertEq(set.threshold, 2, "two of three");
        assertEq(set.bits, 7, "bits 0..2");
        assertTrue(holders.isGuardian(alice, dealer), "dealer");
        assertFalse(holders.isGuardian(alice, carol), "not carol");
    }

    function test_TwoOfThreeRecoverAfterTheDelay() public {
        _approve(bob, alice, newKey);
        bytes32 id = holders.recoveryId(alice, newKey);
        assertEq(holders.recoveryOf(id).readyAt, 0, "one approval is not enough");
        _approve(university, alice, newKey);
        uint40 readyAt = uint40(block.timestamp) + holders.recoveryDelay();
        assertEq(holders.recoveryOf(id).readyAt, readyAt, "threshold met");

        vm.warp(readyAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotReady.selector, id, readyAt));
        holders.finalizeRecovery(alice, newKey);

        vm.warp(readyAt);
        vm.expectEmit(true, true, true, true, address(holders));
        emit IKeyBindings.KeyChanged(alice, alice, newKey, IKeyBindings.KeyChange.GuardianRecovery);
        holders.finalizeRecovery(alice, newKey);
        assertEq(holders.keyOf(alice), newKey, "recovered");
        assertEq(registry.ownerOf(uint256(uint160(alice))), newKey, "token follows");
        assertEq(holders.recoveryOf(id).count, 0, "record cleared");
        // The guardians stay; the recovered holder keeps them.
        assertTrue(holders.isGuardian(alice, bob), "guardians kept");
    }

    function test_FewerThanThresholdNeverFinalizes() public {
        _approve(bob, alice, newKey);
        bytes32 id = holders.recoveryId(alice, newKey);
        vm.warp(block.timestamp + 365 days);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotReady.selector, id, 0));
        holders.finalizeRecovery(alice, newKey);
        assertEq(holders.keyOf(alice), alice, "nothing changed");
    }

    function test_RevertWhen_AGuardianApprovesTwice() public {
        _approve(bob, alice, newKey);
        bytes32 id = holders.recoveryId(alice, newKey);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryAlreadyApproved.selector, bob, id));
        holders.approveRecovery(alice, newKey);
        assertEq(holders.recoveryOf(id).count, 1, "counted once");
    }

    function test_GuardianWithARotatedKeyStillApprovesOnce() public {
        address bobKey = _rotate(bob, bob, 0xB0B2);
        _approve(bobKey, alice, newKey);
        bytes32 id = holders.recoveryId(alice, newKey);
        vm.prank(bobKey);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryAlreadyApproved.selector, bob, id));
        holders.approveRecovery(alice, newKey);
        vm.prank(bob); // bob's retired key speaks for nobody
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, bob));
        holders.approveRecovery(alice, newKey);
    }

    function test_RevertWhen_ANonGuardianApproves() public {
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotGuardian.selector, carol, alice));
        holders.approveRecovery(alice, newKey);
        vm.prank(ministry);
        registry.suspendEntity(dealer);
        vm.prank(dealer);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotGuardian.selector, dealer, alice));
        holders.approveRecovery(alice, newKey);
    }

    function test_CancelByTheCurrentKeyVoidsTheRecovery() public {
        _approve(bob, alice, newKey);
        _approve(dealer, alice, newKey);
        bytes32 id = holders.recoveryId(alice, newKey);
        vm.prank(alice);
        holders.cancelRecovery();
        vm.warp(block.timestamp + 3 days);
        bytes32 fresh = holders.recoveryId(alice, newKey);
        assertTrue(fresh != id, "new recovery id");
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotReady.selector, fresh, 0));
        holders.finalizeRecovery(alice, newKey);
        // The guardians can start over, and a fresh round counts from zero.
        _approve(bob, alice, newKey);
        assertEq(holders.recoveryOf(fresh).count, 1, "fresh round");
    }

    function test_GuardianChangeVoidsPendingApprovals() public {
        _approve(bob, alice, newKey);
        vm.prank(alice);
        holders.addGuardian(carol, 2);
        _approve(dealer, alice, newKey);
        bytes32 id = holders.recoveryId(alice, newKey);
        assertEq(holders.recoveryOf(id).count, 1, "bob's approval was voided");
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotReady.selector, id, 0));
        holders.finalizeRecovery(alice, newKey);
    }

    function test_ApprovalsDoNotReplayAcrossHoldersOrKeys() public {
        vm.startPrank(carol);
        holders.addGuardian(bob, 1);
        holders.addGuardian(dealer, 2);
        vm.stopPrank();
        _approve(bob, alice, newKey);
        _approve(dealer, alice, newKey);
        vm.warp(block.timestamp + 3 days);
        bytes32 carolId = holders.recoveryId(carol, newKey);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotReady.selector, carolId, 0));
        holders.finalizeRecovery(carol, newKey);
        address otherKey = address(0x07E4);
        bytes32 otherId = holders.recoveryId(alice, otherKey);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotReady.selector, otherId, 0));
        holders.finalizeRecovery(alice, otherKey);
        holders.finalizeRecovery(alice, newKey);
        assertEq(holders.keyOf(carol), carol, "carol untouched");
    }

    function test_RecoveryAfterRecoveryNeedsNewApprovals() public {
        _approve(bob, alice, newKey);
        _approve(dealer, alice, newKey);
        vm.warp(block.timestamp + 2 days);
        holders.finalizeRecovery(alice, newKey);
        // The same approvals cannot move alice again (the nonce moved with the key).
        address next = address(0x4E3C);
        bytes32 id = holders.recoveryId(alice, next);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotReady.selector, id, 0));
        holders.finalizeRecovery(alice, next);
    }

    function test_RevertWhen_RecoveringToARegisteredEntity() public {
        _approve(bob, alice, carol);
        _approve(dealer, alice, carol);
        vm.warp(block.timestamp + 2 days);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyInvalid.selector, carol));
        holders.finalizeRecovery(alice, carol);
        assertEq(holders.keyOf(alice), alice, "nothing changed");
    }

    function test_RevertWhen_GuardianIsZeroUnregisteredSelfOrDuplicate() public {
        IGuardianRecovery.GuardianSet memory before = holders.guardianSetOf(alice);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.GuardianInvalid.selector, address(0)));
        holders.addGuardian(address(0), 2);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.GuardianInvalid.selector, stranger));
        holders.addGuardian(stranger, 2);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.GuardianInvalid.selector, alice));
        holders.addGuardian(alice, 2);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.GuardianDuplicate.selector, bob));
        holders.addGuardian(bob, 2);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.GuardianNotFound.selector, carol));
        holders.removeGuardian(carol, 2);
        vm.stopPrank();
        _assertUnchanged(before);
    }

    function test_RevertWhen_ThresholdIsZeroOrAboveN() public {
        IGuardianRecovery.GuardianSet memory before = holders.guardianSetOf(alice);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.GuardianThresholdInvalid.selector, 0, 4));
        holders.addGuardian(carol, 0);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.GuardianThresholdInvalid.selector, 5, 4));
        holders.addGuardian(carol, 5);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.GuardianThresholdInvalid.selector, 3, 2));
        holders.removeGuardian(bob, 3);
        vm.stopPrank();
        _assertUnchanged(before);
        assertFalse(holders.isGuardian(alice, carol), "carol not added");
    }

    function test_RemovingTheLastGuardianNeedsThresholdZero() public {
        vm.startPrank(alice);
        holders.removeGuardian(bob, 2);
        holders.removeGuardian(dealer, 1);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.GuardianThresholdInvalid.selector, 1, 0));
        holders.removeGuardian(university, 1);
        holders.removeGuardian(university, 0);
        vm.stopPrank();
        assertEq(holders.guardianSetOf(alice).count, 0, "empty");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotGuardian.selector, bob, alice));
        holders.approveRecovery(alice, newKey);
    }

    function test_FreedBitsAreReused() public {
        vm.startPrank(alice);
        holders.removeGuardian(dealer, 2);
        holders.addGuardian(carol, 2);
        vm.stopPrank();
        assertEq(holders.guardianSetOf(alice).bits, 7, "carol took dealer's bit");
    }

    function _assertUnchanged(IGuardianRecovery.GuardianSet memory before) internal view {
        IGuardianRecovery.GuardianSet memory afterwards = holders.guardianSetOf(alice);
        assertEq(afterwards.count, before.count, "count");
        assertEq(afterwards.threshold, before.threshold, "threshold");
        assertEq(afterwards.nonce, before.nonce, "nonce");
        assertEq(afterwards.bits, before.bits, "bits");
    }
}
