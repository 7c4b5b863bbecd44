// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {HolderFixture} from "../utils/HolderFixture.sol";
import {HolderRegistry} from "../../src/holders/HolderRegistry.sol";
import {IConsentRegistry} from "../../src/interfaces/IConsentRegistry.sol";

contract AccessConsentTest is HolderFixture {
    HolderRegistry internal consent;
    bytes32 internal uid;
    address internal bank = address(0xB4A7);
    uint32 internal constant MAX = 365 days;
    uint32 internal constant DAY = 1 days;
    bytes26 internal constant WHOLE = bytes26(0);
    /// @dev A digest as the SDK makes it: 21 bytes of hash, then five zero bytes for the grant's time.
    bytes26 internal constant AGE = bytes26(bytes21(keccak256("ageOver18")));

    function setUp() public override {
        super.setUp();
        consent = holders;
        uid = _anchor(ministry, _request(alice, PASSPORT, _commitment("alice passport")));
    }

    function _grant(uint32 duration, bytes26 attributes) internal {
        vm.prank(alice);
        consent.grantAccess(bank, uid, duration, attributes);
    }

    function test_GrantAnswersYesOneSecondBeforeExpiry() public {
        _grant(DAY, WHOLE);
        vm.warp(START + DAY - 1);
        assertTrue(consent.checkAccess(alice, bank, uid, WHOLE), "one second before expiry");
    }

    function test_GrantAnswersNoExactlyAtExpiry() public {
        _grant(DAY, WHOLE);
        vm.warp(START + DAY);
        assertFalse(consent.checkAccess(alice, bank, uid, WHOLE), "at expiry");
    }

    function test_ARevokedHolderGrantsNothingBeforeOrAfterItsRevocation() public {
        _grant(DAY, WHOLE);
        assertTrue(consent.checkAccess(alice, bank, uid, WHOLE), "live grant");
        _revoke(admin, alice);
        assertFalse(consent.checkAccess(alice, bank, uid, WHOLE), "granted before the holder's revocation");
        _grant(DAY, WHOLE);
        assertFalse(consent.checkAccess(alice, bank, uid, WHOLE), "granted after it");
    }

    function test_RevokeThenCheckAnswersNo() public {
        _grant(DAY, WHOLE);
        vm.prank(alice);
        consent.revokeAccess(bank, uid);
        assertFalse(consent.checkAccess(alice, bank, uid, WHOLE), "after revocation");
    }

    function test_GrantEmitsAccessGranted() public {
        vm.expectEmit(true, true, true, true, address(consent));
        emit IConsentRegistry.AccessGranted(alice, bank, uid, _grantWord(uint40(START + DAY), uint40(START), AGE));
        _grant(DAY, AGE);
    }

    function test_GrantWordIsTheStoredGrant() public {
        _grant(DAY, AGE);
        IConsentRegistry.Grant memory stored = consent.grantOf(alice, bank, uid);
        assertEq(stored.expiresAt, uint40(START + DAY), "expiry decoded from the packed slot");
        assertEq(stored.grantedAt, uint40(START), "grant time decoded from the packed slot");
        assertEq(bytes26(stored.attributes), AGE, "attributes decoded from the packed slot");
    }

    /// @dev The layout the event documents, written independently of the contract's assembly.
    function _grantWord(uint40 expiresAt, uint40 grantedAt, bytes26 attributes) private pure returns (bytes32) {
        return bytes32(uint256(expiresAt) | (uint256(grantedAt) << 40) | (uint256(uint168(bytes21(attributes))) << 80));
    }

    function test_RevertWhen_AttributesDigestDoesNotEndInFiveZeroBytes() public {
        bytes26 full = bytes26(keccak256("ageOver18"));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentInvalidAttributes.selector, full));
        consent.grantAccess(bank, uid, DAY, full);
        assertEq(consent.grantOf(alice, bank, uid).expiresAt, 0, "nothing stored");
    }

    function test_CheckWithTheFullDigestDoesNotMatchATruncatedGrant() public {
        _grant(DAY, AGE);
        // Same first 21 bytes, different tail: a caller cannot pad its way into another digest.
        assertFalse(consent.checkAccess(alice, bank, uid, AGE | bytes26(uint208(1))), "tail differs");
    }

    function test_AttributeGrantCoversExactlyItsAttributes() public {
        _grant(DAY, AGE);
        assertTrue(consent.checkAccess(alice, bank, uid, AGE), "granted attributes");
        assertFalse(consent.checkAccess(alice, bank, uid, WHOLE), "not the whole credential");
        assertFalse(consent.checkAccess(alice, bank, uid, bytes26(bytes21(keccak256("birthDate")))), "not other attributes");
    }

    /// Issue 23: a grant made during an earlier holding stays dead when the credential comes back.
    function test_AGrantDoesNotReviveWhenATransferredCredentialReturns() public {
        bytes32 title = _anchorCarTitle(alice);
        vm.prank(alice);
        consent.grantAccess(bank, title, MAX, WHOLE);
        assertTrue(consent.checkAccess(alice, bank, title, WHOLE), "live while alice holds it");
        _moveTitle(alice, bob, START + 10);
        assertFalse(consent.checkAccess(alice, bank, title, WHOLE), "dead while bob holds it");
        _moveTitle(bob, alice, START + 20);
        assertFalse(consent.checkAccess(alice, bank, title, WHOLE), "still dead after it returns");
        vm.warp(START + 21);
        vm.prank(alice);
        consent.grantAccess(bank, title, DAY, WHOLE);
        assertTrue(consent.checkAccess(alice, bank, title, WHOLE), "a new grant made after the return");
    }

    function test_AGrantMadeBeforeTheCredentialArrivesIsInert() public {
        bytes32 title = _anchorCarTitle(alice);
        vm.prank(bob);
        consent.grantAccess(bank, title, MAX, WHOLE);
        _moveTitle(alice, bob, START + 10);
        assertFalse(consent.checkAccess(bob, bank, title, WHOLE), "granted before bob held it");
    }

    /// Fail closed: a grant in the same second as the arrival may predate it, so it does not count.
    function test_AGrantInTheSecondOfArrivalDoesNotCount() public {
        bytes32 title = _anchorCarTitle(alice);
        _moveTitle(alice, bob, START + 10);
        vm.prank(bob);
        consent.grantAccess(bank, title, DAY, WHOLE);
        assertFalse(consent.checkAccess(bob, bank, title, WHOLE), "same second");
        vm.warp(START + 11);
        vm.prank(bob);
        consent.grantAccess(bank, title, DAY, WHOLE);
        assertTrue(consent.checkAccess(bob, bank, title, WHOLE), "one second later");
    }

    function _moveTitle(address from, address to, uint256 at) private {
        vm.warp(at);
        vm.prank(from);
        registry.requestCredentialTransfer(keccak256(abi.encode(dealer, _commitment("car title"))), to);
        vm.prank(dealer);
        registry.approveCredentialTransfer(_commitment("car title"), to);
    }

    function test_GrantOverAnotherHoldersCredentialIsInert() public {
        vm.prank(bob);
        consent.grantAccess(bank, uid, DAY, WHOLE);
        assertFalse(consent.checkAccess(bob, bank, uid, WHOLE), "bob does not hold alice's credential");
    }

    function test_RevertWhen_DurationIsZeroOrAboveTheMaximum() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentInvalidDuration.selector, 0, MAX));
        consent.grantAccess(bank, uid, 0, WHOLE);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentInvalidDuration.selector, uint256(MAX) + 1, MAX));
        consent.grantAccess(bank, uid, MAX + 1, WHOLE);
        assertEq(consent.grantOf(alice, bank, uid).expiresAt, 0, "nothing stored");
    }

    function test_RevertWhen_HolderGrantsItselfOrZero() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentInvalidVerifier.selector, alice));
        consent.grantAccess(alice, uid, DAY, WHOLE);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentInvalidVerifier.selector, address(0)));
        consent.grantAccess(address(0), uid, DAY, WHOLE);
    }

    function test_RevertWhen_RevokingATwiceOrExpiredGrant() public {
        _grant(DAY, WHOLE);
        vm.prank(alice);
        consent.revokeAccess(bank, uid);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentGrantNotFound.selector, alice, bank, uid));
        consent.revokeAccess(bank, uid);
        _grant(DAY, WHOLE);
        vm.warp(START + DAY);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentGrantNotFound.selector, alice, bank, uid));
        consent.revokeAccess(bank, uid);
    }

    function test_LogAccessEmitsWhoWhatAndSuccess() public {
        vm.expectEmit(true, true, true, true, address(consent));
        emit IConsentRegistry.AccessLogged(alice, bank, uid, AGE, true);
        vm.prank(bank);
        consent.logAccess(alice, uid, AGE, true);
    }

    function test_RegrantAfterRevocationAnswersYesAgain() public {
        _grant(DAY, WHOLE);
        vm.prank(alice);
        consent.revokeAccess(bank, uid);
        _grant(DAY, WHOLE);
        assertTrue(consent.checkAccess(alice, bank, uid, WHOLE), "a new grant");
    }

    /// A revoked grant never answers yes, whatever time passes and whoever asks.
    function testFuzz_RevokedGrantNeverAnswersYes(uint32 duration, uint32 later, bytes21 digest) public {
        bytes26 attributes = bytes26(digest);
        duration = uint32(_bound(duration, 1, MAX));
        _grant(duration, attributes);
        vm.prank(alice);
        consent.revokeAccess(bank, uid);
        vm.warp(START + _bound(later, 0, uint256(MAX) * 2));
        assertFalse(consent.checkAccess(alice, bank, uid, attributes), "revoked");
    }

    /// Only the holder's own grant counts: a random caller's grant for alice's credential never does.
    function testFuzz_OnlyTheHoldersGrantCounts(address caller) public {
        vm.assume(caller != alice && caller != bank && caller != address(0));
        vm.prank(caller);
        consent.grantAccess(bank, uid, DAY, WHOLE);
        assertFalse(consent.checkAccess(alice, bank, uid, WHOLE), "alice granted nothing");
    }

    // ---- signed grants, relayed ----

    bytes32 internal constant GRANT_TYPEHASH = keccak256(
        "GrantAccess(address holder,address verifier,bytes32 uid,uint32 duration,bytes26 attributes,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant REVOKE_TYPEHASH =
        keccak256("RevokeAccess(address holder,address verifier,bytes32 uid,uint256 nonce,uint256 deadline)");

    function _signGrant(uint256 key, address holder, uint256 deadline) internal view returns (bytes memory) {
        return _sign(
            key, keccak256(abi.encode(GRANT_TYPEHASH, holder, bank, uid, DAY, AGE, holders.nonces(holder), deadline))
        );
    }

    function test_RelayedGrantAndRevokeSignedByTheHolder() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _signGrant(_keyOf("alice"), alice, deadline);
        vm.prank(stranger); // the relayer pays
        consent.grantAccessBySig(alice, bank, uid, DAY, AGE, deadline, signature);
        assertTrue(consent.checkAccess(alice, bank, uid, AGE), "granted");

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentSignatureInvalid.selector, alice));
        consent.grantAccessBySig(alice, bank, uid, DAY, AGE, deadline, signature); // replay

        bytes memory revoke = _sign(
            _keyOf("alice"), keccak256(abi.encode(REVOKE_TYPEHASH, alice, bank, uid, holders.nonces(alice), deadline))
        );
        vm.prank(stranger);
        consent.revokeAccessBySig(alice, bank, uid, deadline, revoke);
        assertFalse(consent.checkAccess(alice, bank, uid, AGE), "revoked");
    }

    function test_RevertWhen_GrantIsSignedByAnotherOrExpired() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory byBob = _signGrant(_keyOf("bob"), alice, deadline);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentSignatureInvalid.selector, alice));
        consent.grantAccessBySig(alice, bank, uid, DAY, AGE, deadline, byBob);
        bytes memory signature = _signGrant(_keyOf("alice"), alice, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentSignatureExpired.selector, deadline));
        consent.grantAccessBySig(alice, bank, uid, DAY, AGE, deadline, signature);
        assertEq(consent.grantOf(alice, bank, uid).expiresAt, 0, "nothing stored");
    }

    function test_RetiredKeySignsForNobody() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory stale = _signGrant(_keyOf("alice"), alice, deadline);
        _rotate(alice, alice, 0xA11CE2);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentSignatureInvalid.selector, alice));
        consent.grantAccessBySig(alice, bank, uid, DAY, AGE, deadline, stale);
        bytes memory fresh = _signGrant(0xA11CE2, alice, deadline);
        consent.grantAccessBySig(alice, bank, uid, DAY, AGE, deadline, fresh);
        assertTrue(consent.checkAccess(alice, bank, uid, AGE), "the new key grants for alice");
    }

    function test_ExactlyAtMaximumDurationIsAllowed() public {
        _grant(MAX, WHOLE);
        vm.warp(START + MAX - 1);
        assertTrue(consent.checkAccess(alice, bank, uid, WHOLE), "one second before");
        vm.warp(START + MAX);
        assertFalse(consent.checkAccess(alice, bank, uid, WHOLE), "at expiry");
    }
}
