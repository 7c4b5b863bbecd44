// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {HolderFixture} from "../utils/HolderFixture.sol";
import {FaceTemplateRegistry} from "../../src/biometrics/FaceTemplateRegistry.sol";
import {IFaceTemplateRegistry} from "../../src/interfaces/IFaceTemplateRegistry.sol";
import {IKeyBindings} from "../../src/interfaces/IKeyBindings.sol";

contract FaceTemplateRegistryTest is HolderFixture {
    bytes32 internal constant ENROLL_TYPEHASH =
        keccak256("EnrollFaceTemplate(address identity,bytes cid,uint32 version,uint256 nonce,uint256 deadline)");
    bytes32 internal constant REENROLL_TYPEHASH =
        keccak256("ReenrollFaceTemplate(address identity,bytes cid,uint32 version,uint256 nonce,uint256 deadline)");
    bytes32 internal constant ERASE_TYPEHASH =
        keccak256("EraseFaceTemplate(address identity,uint32 version,uint256 nonce,uint256 deadline)");

    FaceTemplateRegistry internal faces;
    /// @dev A CIDv1 (raw, sha2-256) in binary: 0x01 0x55 0x12 0x20 then the 32-byte digest.
    bytes internal cid1 = abi.encodePacked(hex"01551220", keccak256("template one"));
    bytes internal cid2 = abi.encodePacked(hex"01551220", keccak256("template two"));
    address internal relayer = address(0x5E1A7);

    function setUp() public override {
        super.setUp();
        faces = new FaceTemplateRegistry(registry);
    }

    function _enroll(address key, bytes memory cid, uint32 version) internal {
        vm.prank(key);
        faces.enrollFaceTemplate(cid, version);
    }

    /// @dev The commitment as the interface documents it, computed here rather than by the contract.
    function _commitmentOf(address identity, bytes memory cid, uint32 version) internal pure returns (bytes27) {
        return bytes27(keccak256(abi.encode(identity, cid, version)));
    }

    function _signFaces(uint256 privateKey, bytes32 structHash) internal view returns (bytes memory) {
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", faces.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vmSign.sign(privateKey, digest);
        return abi.encodePacked(r, s, v);
    }

    function _enrollSig(uint256 key, address identity, bytes memory cid, uint32 version, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        return _signFaces(
            key,
            keccak256(abi.encode(ENROLL_TYPEHASH, identity, keccak256(cid), version, faces.nonces(identity), deadline))
        );
    }

    function test_EnrollStoresTheCommitmentInOneSlotAndLogsTheCid() public {
        vm.expectEmit(true, true, true, true, address(faces));
        emit IFaceTemplateRegistry.FaceTemplateEnrolled(alice, alice, 1, cid1);
        vm.record();
        _enroll(alice, cid1, 1);
        (, bytes32[] memory writes) = vm.accesses(address(faces));
        assertTrue(writes.length > 0, "a slot written");
        for (uint256 i = 1; i < writes.length; i++) {
            assertEq(writes[i], writes[0], "one storage slot written");
        }
        IFaceTemplateRegistry.FaceTemplate memory t = faces.faceTemplateOf(alice);
        assertEq(bytes32(t.commitment), bytes32(_commitmentOf(alice, cid1, 1)), "commitment");
        assertEq(t.version, 1, "version");
        assertEq(uint256(t.status), uint256(IFaceTemplateRegistry.FaceTemplateStatus.Enrolled), "status");
        assertTrue(faces.isCurrentFaceTemplate(alice, cid1, 1), "current");
        assertFalse(faces.isCurrentFaceTemplate(alice, cid2, 1), "another CID");
        assertFalse(faces.isCurrentFaceTemplate(alice, cid1, 2), "another version");
        assertFalse(faces.isCurrentFaceTemplate(bob, cid1, 1), "another identity");
    }

    function test_EnrollTwiceIsRefusedReenrollReplacesAndLogsThePreviousVersion() public {
        _enroll(alice, cid1, 1);
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateAlreadyEnrolled.selector, alice, 1));
        _enroll(alice, cid2, 2);
        vm.expectEmit(true, true, true, true, address(faces));
        emit IFaceTemplateRegistry.FaceTemplateReplaced(alice, alice, 1, 2, cid2);
        vm.prank(alice);
        faces.reenrollFaceTemplate(cid2, 2);
        assertFalse(faces.isCurrentFaceTemplate(alice, cid1, 1), "the old template no longer counts");
        assertTrue(faces.isCurrentFaceTemplate(alice, cid2, 2), "the new one does");
    }

    function test_ReenrollWithoutATemplateIsRefused() public {
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateNotEnrolled.selector, alice));
        vm.prank(alice);
        faces.reenrollFaceTemplate(cid1, 1);
    }

    function test_EraseLogsClearsAndNoErasedVersionIsEverAcceptedAgain() public {
        _enroll(alice, cid1, 1);
        vm.expectEmit(true, true, true, true, address(faces));
        emit IFaceTemplateRegistry.FaceTemplateErased(alice, alice, 1);
        vm.prank(alice);
        faces.eraseFaceTemplate();
        IFaceTemplateRegistry.FaceTemplate memory t = faces.faceTemplateOf(alice);
        assertEq(bytes32(t.commitment), bytes32(0), "commitment cleared");
        assertEq(uint256(t.status), uint256(IFaceTemplateRegistry.FaceTemplateStatus.Erased), "erased");
        assertFalse(faces.isCurrentFaceTemplate(alice, cid1, 1), "nothing current");
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateNotEnrolled.selector, alice));
        vm.prank(alice);
        faces.eraseFaceTemplate();
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateVersionNotIncreasing.selector, 1, 1));
        _enroll(alice, cid1, 1);
        _enroll(alice, cid2, 2);
        assertTrue(faces.isCurrentFaceTemplate(alice, cid2, 2), "enrolled again after erasure");
    }

    function test_VersionsOnlyGrow() public {
        _enroll(alice, cid1, 5);
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateVersionNotIncreasing.selector, 5, 5));
        vm.prank(alice);
        faces.reenrollFaceTemplate(cid2, 5);
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateVersionNotIncreasing.selector, 0, 0));
        _enroll(bob, cid1, 0);
    }

    function test_CidLengthIsBounded() public {
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateCidInvalid.selector, 0));
        _enroll(alice, "", 1);
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateCidInvalid.selector, 65));
        _enroll(alice, new bytes(65), 1);
        _enroll(alice, new bytes(64), 1);
    }

    function test_OnlyActiveEntitiesEnrollButASuspendedOneMayStillErase() public {
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateIdentityInactive.selector, stranger));
        _enroll(stranger, cid1, 1);
        _enroll(alice, cid1, 1);
        _suspend(admin, alice);
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateIdentityInactive.selector, alice));
        vm.prank(alice);
        faces.reenrollFaceTemplate(cid2, 2);
        vm.prank(alice);
        faces.eraseFaceTemplate();
        assertEq(
            uint256(faces.faceTemplateOf(alice).status),
            uint256(IFaceTemplateRegistry.FaceTemplateStatus.Erased),
            "erased while suspended"
        );
    }

    function test_ControlFollowsKeyRotation() public {
        _enroll(alice, cid1, 1);
        address newKey = _rotate(alice, alice, _keyOf("alice phone"));
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, alice));
        vm.prank(alice);
        faces.eraseFaceTemplate();
        vm.expectEmit(true, true, true, true, address(faces));
        emit IFaceTemplateRegistry.FaceTemplateReplaced(alice, newKey, 1, 2, cid2);
        vm.prank(newKey);
        faces.reenrollFaceTemplate(cid2, 2);
        assertTrue(faces.isCurrentFaceTemplate(alice, cid2, 2), "recorded for the identity, not the key");
    }

    function test_RelayedEnrollmentNeedsTheCurrentKeysSignatureAndWorksOnce() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _enrollSig(_keyOf("alice"), alice, cid1, 1, deadline);
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateSignatureInvalid.selector, bob));
        vm.prank(relayer);
        faces.enrollFaceTemplateBySig(bob, cid1, 1, deadline, signature);
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateSignatureInvalid.selector, alice));
        vm.prank(relayer);
        faces.enrollFaceTemplateBySig(alice, cid2, 1, deadline, signature);
        vm.expectEmit(true, true, true, true, address(faces));
        emit IFaceTemplateRegistry.FaceTemplateEnrolled(alice, alice, 1, cid1);
        vm.prank(relayer);
        faces.enrollFaceTemplateBySig(alice, cid1, 1, deadline, signature);
        assertEq(faces.nonces(alice), 1, "nonce used");
        vm.prank(alice);
        faces.eraseFaceTemplate();
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateSignatureInvalid.selector, alice));
        vm.prank(relayer);
        faces.enrollFaceTemplateBySig(alice, cid1, 1, deadline, signature);
    }

    function test_RelayedMessagesExpireAndARetiredKeySignsForNoOne() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _enrollSig(_keyOf("alice"), alice, cid1, 1, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateSignatureExpired.selector, deadline));
        faces.enrollFaceTemplateBySig(alice, cid1, 1, deadline, signature);
        deadline = block.timestamp + 1 hours;
        signature = _enrollSig(_keyOf("alice"), alice, cid1, 1, deadline);
        _rotate(alice, alice, _keyOf("alice phone"));
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateSignatureInvalid.selector, alice));
        faces.enrollFaceTemplateBySig(alice, cid1, 1, deadline, signature);
        faces.enrollFaceTemplateBySig(
            alice, cid1, 1, deadline, _enrollSig(_keyOf("alice phone"), alice, cid1, 1, deadline)
        );
        assertTrue(faces.isCurrentFaceTemplate(alice, cid1, 1), "enrolled with the new key's signature");
    }

    function test_RelayedReenrollAndEraseNameTheirVersion() public {
        _enroll(alice, cid1, 1);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory reenroll = _signFaces(
            _keyOf("alice"),
            keccak256(abi.encode(REENROLL_TYPEHASH, alice, keccak256(cid2), uint32(2), faces.nonces(alice), deadline))
        );
        faces.reenrollFaceTemplateBySig(alice, cid2, 2, deadline, reenroll);
        bytes memory staleErase = _signFaces(
            _keyOf("alice"), keccak256(abi.encode(ERASE_TYPEHASH, alice, uint32(1), faces.nonces(alice), deadline))
        );
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateVersionStale.selector, 1, 2));
        faces.eraseFaceTemplateBySig(alice, 1, deadline, staleErase);
        bytes memory erase = _signFaces(
            _keyOf("alice"), keccak256(abi.encode(ERASE_TYPEHASH, alice, uint32(2), faces.nonces(alice), deadline))
        );
        vm.expectEmit(true, true, true, true, address(faces));
        emit IFaceTemplateRegistry.FaceTemplateErased(alice, alice, 2);
        vm.prank(relayer);
        faces.eraseFaceTemplateBySig(alice, 2, deadline, erase);
    }

    // ---- fuzz ----

    /// @dev Whatever CID and version the holder enrolls, exactly that pair (and nothing else) is current.
    function testFuzz_ExactlyTheEnrolledPairIsCurrent(bytes calldata cid, uint32 version, bytes calldata other) public {
        vm.assume(cid.length > 0 && cid.length <= 64 && version > 0);
        _enroll(alice, cid, version);
        assertTrue(faces.isCurrentFaceTemplate(alice, cid, version), "the enrolled pair");
        if (keccak256(other) != keccak256(cid)) {
            assertFalse(faces.isCurrentFaceTemplate(alice, other, version), "another CID");
        }
        if (version < type(uint32).max) {
            assertFalse(faces.isCurrentFaceTemplate(alice, cid, version + 1), "another version");
        }
        assertFalse(faces.isCurrentFaceTemplate(bob, cid, version), "another identity");
    }

    /// @dev Any sequence of re-enrollments accepts a version exactly when it exceeds the last one.
    function testFuzz_ReenrollmentAcceptsOnlyGrowingVersions(uint32[8] calldata versions) public {
        _enroll(alice, cid1, 1);
        uint32 last = 1;
        for (uint256 i = 0; i < versions.length; i++) {
            vm.prank(alice);
            if (versions[i] <= last) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IFaceTemplateRegistry.FaceTemplateVersionNotIncreasing.selector, versions[i], last
                    )
                );
                faces.reenrollFaceTemplate(cid2, versions[i]);
            } else {
                faces.reenrollFaceTemplate(cid2, versions[i]);
                last = versions[i];
            }
            assertEq(faces.faceTemplateOf(alice).version, last, "stored version");
        }
    }

    /// @dev A signature by any key other than the identity's current key is refused.
    function testFuzz_OnlyTheCurrentKeySigns(uint256 signerKey) public {
        signerKey = _bound(signerKey, 1, 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140);
        vm.assume(vm.addr(signerKey) != alice);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _enrollSig(signerKey, alice, cid1, 1, deadline);
        vm.expectRevert(abi.encodeWithSelector(IFaceTemplateRegistry.FaceTemplateSignatureInvalid.selector, alice));
        faces.enrollFaceTemplateBySig(alice, cid1, 1, deadline, signature);
    }
}
