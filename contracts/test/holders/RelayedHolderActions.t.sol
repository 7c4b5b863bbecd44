// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {HolderFixture} from "../utils/HolderFixture.sol";
import {IGuardianRecovery} from "../../src/interfaces/IGuardianRecovery.sol";
import {IKeyBindings} from "../../src/interfaces/IKeyBindings.sol";

/// @notice Guardian management, approvals, cancels and rotation signed by a holder with no ether and sent
/// by a sponsor: each works once, only for the current key, only before its deadline.
contract RelayedHolderActionsTest is HolderFixture {
    bytes32 internal constant ADD_GUARDIAN_TYPEHASH =
        keccak256("AddGuardian(address identity,address guardian,uint8 threshold,uint256 nonce,uint256 deadline)");
    bytes32 internal constant REMOVE_GUARDIAN_TYPEHASH =
        keccak256("RemoveGuardian(address identity,address guardian,uint8 threshold,uint256 nonce,uint256 deadline)");
    bytes32 internal constant APPROVE_RECOVERY_TYPEHASH =
        keccak256("ApproveRecovery(address guardian,address identity,address newKey,uint256 nonce,uint256 deadline)");
    bytes32 internal constant CANCEL_RECOVERY_TYPEHASH =
        keccak256("CancelRecovery(address identity,uint256 nonce,uint256 deadline)");
    bytes32 internal constant ROTATE_KEY_TYPEHASH =
        keccak256("RotateKey(address identity,address newKey,uint256 nonce,uint256 deadline)");

    address internal sponsor = address(0x5905);
    address internal newKey = address(0x4E3B);
    uint256 internal deadline;

    function setUp() public override {
        super.setUp();
        deadline = block.timestamp + 1 hours;
    }

    function _addSig(uint256 signer, address identity, address guardian, uint8 threshold)
        internal
        view
        returns (bytes memory)
    {
        return _sign(
            signer,
            keccak256(
                abi.encode(ADD_GUARDIAN_TYPEHASH, identity, guardian, threshold, holders.nonces(identity), deadline)
            )
        );
    }

    function _approveSig(uint256 signer, address guardian, address identity, address key)
        internal
        view
        returns (bytes memory)
    {
        return _sign(
            signer,
            keccak256(
                abi.encode(APPROVE_RECOVERY_TYPEHASH, guardian, identity, key, holders.nonces(guardian), deadline)
            )
        );
    }

    function _relayAdd(address guardian, uint8 threshold) internal {
        bytes memory signature = _addSig(_keyOf("alice"), alice, guardian, threshold);
        vm.prank(sponsor);
        holders.addGuardianBySig(alice, guardian, threshold, deadline, signature);
    }

    function _relayApprove(string memory guardianName, address guardian) internal {
        bytes memory signature = _approveSig(_keyOf(guardianName), guardian, alice, newKey);
        vm.prank(sponsor);
        holders.approveRecoveryBySig(guardian, alice, newKey, deadline, signature);
    }

    function test_ASponsorRelaysAWholeRecovery() public {
        _relayAdd(bob, 1);
        _relayAdd(dealer, 2);
        assertEq(holders.guardianSetOf(alice).count, 2, "two guardians named without alice sending anything");

        _relayApprove("bob", bob);
        _relayApprove("dealer", dealer);
        vm.warp(block.timestamp + holders.recoveryDelay());
        vm.prank(sponsor);
        holders.finalizeRecovery(alice, newKey);
        assertEq(holders.keyOf(alice), newKey, "recovered through relayed approvals");
    }

    function test_RevertWhen_ARelayedMessageIsReplayed() public {
        bytes memory signature = _addSig(_keyOf("alice"), alice, bob, 1);
        vm.prank(sponsor);
        holders.addGuardianBySig(alice, bob, 1, deadline, signature);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureInvalid.selector, alice));
        holders.addGuardianBySig(alice, bob, 1, deadline, signature);

        _relayAdd(dealer, 1);
        bytes memory approval = _approveSig(_keyOf("bob"), bob, alice, newKey);
        vm.prank(sponsor);
        holders.approveRecoveryBySig(bob, alice, newKey, deadline, approval);
        vm.prank(alice);
        holders.cancelRecovery();
        // The cancel moved the recovery nonce, but a replayed approval fails on bob's own nonce first.
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureInvalid.selector, bob));
        holders.approveRecoveryBySig(bob, alice, newKey, deadline, approval);
        assertEq(holders.recoveryOf(holders.recoveryId(alice, newKey)).count, 0, "nothing counted");
    }

    function test_RevertWhen_SignedByAnyoneButTheCurrentKey() public {
        bytes memory byBob = _addSig(_keyOf("bob"), alice, bob, 1);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureInvalid.selector, alice));
        holders.addGuardianBySig(alice, bob, 1, deadline, byBob);

        // After a rotation, the retired key signs for nobody and the new key speaks for alice.
        address aliceKey = _rotate(alice, alice, 0xA11CE2);
        bytes memory byRetired = _addSig(_keyOf("alice"), alice, bob, 1);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureInvalid.selector, alice));
        holders.addGuardianBySig(alice, bob, 1, deadline, byRetired);
        bytes memory byNewKey = _addSig(0xA11CE2, alice, bob, 1);
        vm.prank(sponsor);
        holders.addGuardianBySig(alice, bob, 1, deadline, byNewKey);
        assertTrue(holders.isGuardian(alice, bob), "added by the new key's signature");
        assertEq(holders.keyOf(alice), aliceKey, "key unchanged");
    }

    function test_RevertWhen_ARelayedMessageIsPastItsDeadline() public {
        bytes memory signature = _addSig(_keyOf("alice"), alice, bob, 1);
        vm.warp(deadline + 1);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureExpired.selector, deadline));
        holders.addGuardianBySig(alice, bob, 1, deadline, signature);
        assertFalse(holders.isGuardian(alice, bob), "nothing changed");
    }

    function test_RelayedRemovalAndItsTypedErrors() public {
        _relayAdd(bob, 1);
        bytes memory signature = _sign(
            _keyOf("alice"),
            keccak256(abi.encode(REMOVE_GUARDIAN_TYPEHASH, alice, bob, uint8(0), holders.nonces(alice), deadline))
        );
        vm.prank(sponsor);
        holders.removeGuardianBySig(alice, bob, 0, deadline, signature);
        assertFalse(holders.isGuardian(alice, bob), "removed");

        // A valid signature does not bypass the rules: the guardian must be in the set.
        signature = _sign(
            _keyOf("alice"),
            keccak256(abi.encode(REMOVE_GUARDIAN_TYPEHASH, alice, bob, uint8(0), holders.nonces(alice), deadline))
        );
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.GuardianNotFound.selector, bob));
        holders.removeGuardianBySig(alice, bob, 0, deadline, signature);
    }

    function test_RevertWhen_ARelayedApprovalComesFromANonGuardianOrForAnotherHolder() public {
        _relayAdd(bob, 1);
        bytes memory byDealer = _approveSig(_keyOf("dealer"), dealer, alice, newKey);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotGuardian.selector, dealer, alice));
        holders.approveRecoveryBySig(dealer, alice, newKey, deadline, byDealer);

        // Bob's approval names alice: relayed for another holder, it is not his signature.
        bytes memory forAlice = _approveSig(_keyOf("bob"), bob, alice, newKey);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureInvalid.selector, bob));
        holders.approveRecoveryBySig(bob, dealer, newKey, deadline, forAlice);
    }

    function test_RelayedCancelVoidsPendingApprovals() public {
        _relayAdd(bob, 1);
        _relayApprove("bob", bob);
        bytes32 id = holders.recoveryId(alice, newKey);
        assertTrue(holders.recoveryOf(id).readyAt > 0, "threshold met");
        bytes memory signature = _sign(
            _keyOf("alice"), keccak256(abi.encode(CANCEL_RECOVERY_TYPEHASH, alice, holders.nonces(alice), deadline))
        );
        vm.prank(sponsor);
        holders.cancelRecoveryBySig(alice, deadline, signature);
        vm.warp(block.timestamp + holders.recoveryDelay());
        bytes32 fresh = holders.recoveryId(alice, newKey);
        vm.expectRevert(abi.encodeWithSelector(IGuardianRecovery.RecoveryNotReady.selector, fresh, 0));
        holders.finalizeRecovery(alice, newKey);
        assertEq(holders.keyOf(alice), alice, "control stayed");
    }

    function test_RelayedRotationNeedsBothKeys() public {
        uint256 newKeyPrivate = 0xBEEF;
        address key = vm.addr(newKeyPrivate);
        uint256 nonce = holders.nonces(alice);
        bytes memory byCurrent =
            _sign(_keyOf("alice"), keccak256(abi.encode(ROTATE_KEY_TYPEHASH, alice, key, nonce, deadline)));
        bytes memory byNew = _acceptKey(newKeyPrivate, alice, deadline);
        bytes memory byStranger =
            _sign(_keyOf("bob"), keccak256(abi.encode(ROTATE_KEY_TYPEHASH, alice, key, nonce, deadline)));

        vm.startPrank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureInvalid.selector, alice));
        holders.rotateKeyBySig(alice, key, deadline, byStranger, byNew);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeySignatureInvalid.selector, key));
        holders.rotateKeyBySig(alice, key, deadline, byCurrent, byCurrent);

        holders.rotateKeyBySig(alice, key, deadline, byCurrent, byNew);
        assertEq(holders.keyOf(alice), key, "rotated by a sponsor");
        assertEq(registry.ownerOf(uint256(uint160(alice))), key, "token follows");

        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureInvalid.selector, alice));
        holders.rotateKeyBySig(alice, key, deadline, byCurrent, byNew);
        vm.stopPrank();
    }
}
