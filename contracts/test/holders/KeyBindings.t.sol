// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {HolderFixture} from "../utils/HolderFixture.sol";
import {IKeyBindings} from "../../src/interfaces/IKeyBindings.sol";
import {IIdentityToken} from "../../src/interfaces/IIdentityToken.sol";
import {IHolderSignatures} from "../../src/interfaces/IHolderSignatures.sol";

/// @notice Key rotation and registrar rebind: control moves, the identity (token, tree, credentials,
/// grants) stays, and every earlier key is retired.
contract KeyBindingsTest is HolderFixture {
    uint256 internal constant NEW_KEY = 0xA11CE2;
    uint256 internal constant NEWER_KEY = 0xA11CE3;
    bytes32 internal uid;
    address internal bank = address(0xB4A7);

    function setUp() public override {
        super.setUp();
        uid = _anchor(ministry, _request(alice, PASSPORT, _commitment("alice passport")));
        vm.prank(alice);
        registry.linkCredential(uid);
        vm.prank(alice);
        holders.grantAccess(bank, uid, 30 days, bytes26(0));
    }

    function test_UnboundAddressesResolveToThemselves() public view {
        assertEq(holders.keyOf(alice), alice, "own key");
        assertEq(holders.identityOf(alice), alice, "own identity");
        assertEq(holders.requireIdentityOf(address(0)), address(0), "zero is no one's key");
    }

    function test_RotationKeepsTokenTreeCredentialsAndGrants() public {
        uint256 tokenId = uint256(uint160(alice));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IERC721.Transfer(alice, vm.addr(NEW_KEY), tokenId);
        address newKey = _rotate(alice, alice, NEW_KEY);

        assertEq(holders.keyOf(alice), newKey, "key moved");
        assertEq(holders.identityOf(newKey), alice, "new key acts for alice");
        assertEq(holders.identityOf(alice), address(0), "old key retired");
        assertEq(registry.ownerOf(tokenId), newKey, "token owned by the new key");
        assertEq(registry.balanceOf(newKey), 1, "new key holds one token");
        assertEq(registry.balanceOf(alice), 0, "old key holds none");
        assertTrue(registry.isLinked(alice, uid), "tree kept");
        assertEq(registry.credential(uid).subject, alice, "credential kept");
        assertTrue(holders.checkAccess(alice, bank, uid, bytes26(0)), "grant kept");

        vm.prank(newKey);
        registry.unlinkCredential(uid);
        assertFalse(registry.isLinked(alice, uid), "new key acts on alice's tree");
        vm.prank(newKey);
        holders.revokeAccess(bank, uid);
        assertFalse(holders.checkAccess(alice, bank, uid, bytes26(0)), "new key revokes alice's grant");
    }

    function test_RetiredKeyCanDoNothing() public {
        _rotate(alice, alice, NEW_KEY);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, alice));
        registry.unlinkCredential(uid);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, alice));
        holders.revokeAccess(bank, uid);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, alice));
        holders.grantAccess(bank, uid, 1 days, bytes26(0));
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, alice));
        holders.cancelRecovery();
        vm.stopPrank();
        assertTrue(registry.isLinked(alice, uid), "nothing changed");
    }

    function test_SecondRotationRetiresTheFirstKey() public {
        address first = _rotate(alice, alice, NEW_KEY);
        address second = _rotate(first, alice, NEWER_KEY);
        assertEq(holders.keyOf(alice), second, "second key in control");
        assertEq(holders.identityOf(first), address(0), "first key retired");
        assertEq(holders.keyOf(first), address(0), "a key is not an identity");
        assertEq(registry.ownerOf(uint256(uint160(alice))), second, "token follows");
    }

    function test_RevertWhen_ProofOfPossessionIsWrong() public {
        address newKey = vm.addr(NEW_KEY);
        bytes memory byOther = _acceptKey(NEWER_KEY, alice, block.timestamp + 1 hours); // signed by another key
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeySignatureInvalid.selector, newKey));
        holders.rotateKey(newKey, block.timestamp + 1 hours, byOther);
        assertEq(holders.keyOf(alice), alice, "nothing changed");
    }

    function test_RevertWhen_ProofOfPossessionIsExpiredOrReplayed() public {
        address newKey = vm.addr(NEW_KEY);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _acceptKey(NEW_KEY, alice, deadline);
        vm.warp(deadline + 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeySignatureExpired.selector, deadline));
        holders.rotateKey(newKey, deadline, signature);

        deadline = block.timestamp + 1 hours;
        signature = _acceptKey(NEW_KEY, alice, deadline);
        vm.prank(alice);
        holders.rotateKey(newKey, deadline, signature);
        // The same signature again (for example from the new key, to rebind to itself) is stale.
        vm.prank(newKey);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeySignatureInvalid.selector, newKey));
        holders.rotateKey(newKey, deadline, signature);
    }

    function test_RevertWhen_NewKeyIsARegisteredEntityOrAlreadyAKey() public {
        bytes memory bobAccepts = _acceptKey(_keyOf("bob"), alice, block.timestamp + 1 hours);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyInvalid.selector, bob));
        holders.rotateKey(bob, block.timestamp + 1 hours, bobAccepts);

        address newKey = _rotate(alice, alice, NEW_KEY);
        // bob cannot take alice's key, nor alice's retired address.
        bytes memory again = _acceptKey(NEW_KEY, bob, block.timestamp + 1 hours);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyInvalid.selector, newKey));
        holders.rotateKey(newKey, block.timestamp + 1 hours, again);
        assertEq(holders.keyOf(bob), bob, "bob unchanged");
    }

    function test_RevertWhen_AnUnregisteredAddressRotates() public {
        bytes memory signature = _acceptKey(NEW_KEY, stranger, block.timestamp + 1 hours);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyUnknownIdentity.selector, stranger));
        holders.rotateKey(vm.addr(NEW_KEY), block.timestamp + 1 hours, signature);
    }

    function test_HolderSignaturesFollowTheKey() public {
        bytes32 other = _anchor(ministry, _request(alice, PASSPORT, _commitment("alice second passport")));
        address newKey = _rotate(alice, alice, NEW_KEY);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(keccak256("LinkCredential(address holder,bytes32 uid,uint256 nonce,uint256 deadline)"), alice, other, registry.nonces(alice), deadline)
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", registry.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vmSign.sign(_keyOf("alice"), digest);
        vm.expectRevert(abi.encodeWithSelector(IHolderSignatures.HolderSignatureInvalid.selector, alice));
        registry.linkCredentialBySig(alice, other, deadline, abi.encodePacked(r, s, v));
        (v, r, s) = vmSign.sign(NEW_KEY, digest);
        registry.linkCredentialBySig(alice, other, deadline, abi.encodePacked(r, s, v));
        assertTrue(registry.isLinked(alice, other), "linked by the new key's signature");
        assertEq(holders.keyOf(alice), newKey, "still the new key");
    }

    function test_RegistrarChainRebindsAndLogsIt() public {
        address newKey = vm.addr(NEW_KEY);
        bytes32 evidence = keccak256("in-person check 2026-11-21, office 12");
        vm.expectEmit(true, true, false, true, address(holders));
        emit IKeyBindings.IdentityRebound(alice, admin, evidence);
        vm.expectEmit(true, true, true, true, address(holders));
        emit IKeyBindings.KeyChanged(alice, alice, newKey, IKeyBindings.KeyChange.RegistrarRebind);
        vm.prank(admin); // alice's registrar
        holders.rebindByRegistrar(alice, newKey, evidence);
        assertEq(holders.keyOf(alice), newKey, "rebound");

        address newer = vm.addr(NEWER_KEY);
        vm.prank(ministry); // above admin
        holders.rebindByRegistrar(alice, newer, evidence);
        vm.prank(root);
        holders.rebindByRegistrar(alice, vm.addr(0xBEEF), evidence);
        assertEq(holders.identityOf(newer), address(0), "earlier key retired");
    }

    function test_RevertWhen_RebindOutsideTheRegistrationChain() public {
        address newKey = vm.addr(NEW_KEY);
        address[3] memory outsiders = [bob, university, stranger];
        for (uint256 i; i < outsiders.length; ++i) {
            vm.prank(outsiders[i]);
            vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyNotInRegistrationChain.selector, outsiders[i], alice));
            holders.rebindByRegistrar(alice, newKey, bytes32(0));
        }
        vm.prank(ministry);
        registry.suspendEntity(admin);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyNotInRegistrationChain.selector, admin, alice));
        holders.rebindByRegistrar(alice, newKey, bytes32(0));
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyUnknownIdentity.selector, stranger));
        holders.rebindByRegistrar(stranger, newKey, bytes32(0));
        assertEq(holders.keyOf(alice), alice, "nothing changed");
    }

    function test_RevertWhen_AnyoneButTheHolderRegistryMovesTheToken() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IIdentityToken.IdentityTokenSoulbound.selector, uint256(uint160(alice))));
        registry.onKeyChanged(alice, alice, bob);
    }

    function testFuzz_OnlyTheCurrentKeyActs(address caller) public {
        address newKey = _rotate(alice, alice, NEW_KEY);
        vm.assume(caller != newKey && caller != address(0));
        vm.prank(caller);
        try registry.unlinkCredential(uid) {} catch {}
        assertTrue(registry.isLinked(alice, uid), "only the current key unlinks");
        vm.prank(newKey);
        registry.unlinkCredential(uid);
        assertFalse(registry.isLinked(alice, uid), "current key did");
    }

    function test_UnlinkByRetiredKeyNamesTheError() public {
        _rotate(alice, alice, NEW_KEY);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, alice));
        registry.linkCredential(uid);
        assertEq(uint256(registry.entity(alice).linkedCredentials), 1, "tree unchanged");
    }
}
