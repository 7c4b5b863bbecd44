// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IdentityRegistry} from "../../src/IdentityRegistry.sol";
import {IEntityRegistry} from "../../src/interfaces/IEntityRegistry.sol";
import {ICredentialRegistry} from "../../src/interfaces/ICredentialRegistry.sol";
import {IHolderSignatures} from "../../src/interfaces/IHolderSignatures.sol";
import {IIdentityTree} from "../../src/interfaces/IIdentityTree.sol";
import {EntityKind, EntityStatus} from "../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../utils/RegistryFixture.sol";

/// @notice The one cheatcode this file needs beyond `Vm`: signing a digest with a private key.
interface VmSign {
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}

/// @notice A smart-account holder: it accepts what its owner key signed, as ERC-1271 asks.
contract MockWallet is IERC1271 {
    address private immutable _owner;

    constructor(address owner) {
        _owner = owner;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer,,) = ECDSA.tryRecover(hash, signature);
        return signer == _owner && signer != address(0) ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }
}

/// @notice Holder actions signed by the holder (EIP-712) and submitted by a relayer who pays the gas.
contract HolderSignaturesTest is RegistryFixture {
    bytes32 internal constant LINK_TYPEHASH =
        keccak256("LinkCredential(address holder,bytes32 uid,uint256 nonce,uint256 deadline)");
    bytes32 internal constant UNLINK_TYPEHASH =
        keccak256("UnlinkCredential(address holder,bytes32 uid,uint256 nonce,uint256 deadline)");
    uint256 internal constant SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    VmSign internal constant vmSign = VmSign(address(vm));

    /// @dev `_actor` derives every address from `keccak256(name)`, so these are the actors' keys.
    uint256 internal aliceKey = uint256(keccak256("alice"));
    uint256 internal bobKey = uint256(keccak256("bob"));
    uint256 internal walletOwnerKey = uint256(keccak256("wallet owner"));

    /// @dev The service's account: unregistered, it only pays for the transaction.
    address internal relayer = _actor("relayer");

    bytes32 internal birth;
    bytes32 internal title;
    uint256 internal deadline;

    function setUp() public override {
        super.setUp();
        birth = _anchorBirthCertificate(alice);
        title = _anchorCarTitle(alice);
        deadline = block.timestamp + 1 hours;
    }

    // ---- steps ----

    /// @notice The EIP-712 digest, built here from the spec rather than from the registry's own views.
    function _digest(
        IdentityRegistry target,
        bytes32 typehash,
        address holder,
        bytes32 uid,
        uint256 nonce,
        uint256 until
    ) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Identree"),
                keccak256("1"),
                block.chainid,
                address(target)
            )
        );
        bytes32 structHash = keccak256(abi.encode(typehash, holder, uid, nonce, until));
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vmSign.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @notice `key` signs a LinkCredential message for `holder` at the holder's current nonce.
    function _signLink(uint256 key, address holder, bytes32 uid) internal view returns (bytes memory) {
        return _sign(key, _digest(registry, LINK_TYPEHASH, holder, uid, registry.nonces(holder), deadline));
    }

    function _signUnlink(uint256 key, address holder, bytes32 uid) internal view returns (bytes memory) {
        return _sign(key, _digest(registry, UNLINK_TYPEHASH, holder, uid, registry.nonces(holder), deadline));
    }

    function _relayLink(address holder, bytes32 uid, bytes memory signature) internal {
        vm.prank(relayer);
        registry.linkCredentialBySig(holder, uid, deadline, signature);
    }

    function _relayUnlink(address holder, bytes32 uid, bytes memory signature) internal {
        vm.prank(relayer);
        registry.unlinkCredentialBySig(holder, uid, deadline, signature);
    }

    function _invalid(address holder) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IHolderSignatures.HolderSignatureInvalid.selector, holder);
    }

    // ---- linkCredentialBySig ----

    function test_ARelayerLinksACredentialWithTheHoldersSignature() public {
        _relayLink(alice, birth, _signLink(aliceKey, alice, birth));
        assertTrue(registry.isLinked(alice, birth), "isLinked");
        assertEq(registry.linkedCredentialCount(alice), 1, "count");
        assertEq(registry.linkedCredentialCount(relayer), 0, "the relayer links nothing of its own");
    }

    function test_LinkCredentialBySigEmitsCredentialLinkedForTheHolder() public {
        bytes memory signature = _signLink(aliceKey, alice, birth);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IIdentityTree.CredentialLinked(alice, birth);
        _relayLink(alice, birth, signature);
    }

    function test_TheHolderMaySubmitItsOwnSignature() public {
        bytes memory signature = _signLink(aliceKey, alice, birth);
        vm.prank(alice);
        registry.linkCredentialBySig(alice, birth, deadline, signature);
        assertTrue(registry.isLinked(alice, birth), "isLinked");
    }

    function test_AMessageIsAcceptedAtItsDeadline() public {
        bytes memory signature = _signLink(aliceKey, alice, birth);
        vm.warp(deadline);
        _relayLink(alice, birth, signature);
        assertTrue(registry.isLinked(alice, birth), "isLinked");
    }

    function test_RevertWhen_TheDeadlineHasPassed() public {
        bytes memory signature = _signLink(aliceKey, alice, birth);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IHolderSignatures.HolderSignatureExpired.selector, deadline));
        _relayLink(alice, birth, signature);
        assertEq(registry.nonces(alice), 0, "nonce consumed");
    }

    function test_RevertWhen_AMessageIsReplayed() public {
        bytes memory signature = _signLink(aliceKey, alice, birth);
        _relayLink(alice, birth, signature);
        _unlinkDirectly(alice, birth);
        // The credential could be linked again, but this message's nonce is spent.
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, signature);
    }

    function test_RevertWhen_SomeoneElseSignsForTheHolder() public {
        bytes memory signature = _signLink(bobKey, alice, birth);
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, signature);
    }

    function testFuzz_RevertWhen_AnyOtherKeySigns(uint256 key) public {
        key = _bound(key, 1, SECP256K1_ORDER - 1);
        vm.assume(key != aliceKey);
        bytes memory signature = _signLink(key, alice, birth);
        bytes32 before = _stateDigest();
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, signature);
        assertEq(_stateDigest(), before, "state changed");
        assertEq(registry.nonces(alice), 0, "nonce consumed");
    }

    function test_RevertWhen_TheMessageNamesAnotherHolder() public {
        // Alice signs a message naming bob; it is no message of bob's, and none of alice's either.
        bytes memory signature = _signLink(aliceKey, bob, birth);
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, signature);
        vm.expectRevert(_invalid(bob));
        _relayLink(bob, birth, signature);
    }

    function test_RevertWhen_TheMessageNamesAnotherCredential() public {
        bytes memory signature = _signLink(aliceKey, alice, title);
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, signature);
    }

    function test_RevertWhen_TheMessageCarriesAnotherNonce() public {
        bytes memory signature = _sign(aliceKey, _digest(registry, LINK_TYPEHASH, alice, birth, 1, deadline));
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, signature);
    }

    function test_RevertWhen_TheRelayerChangesTheDeadline() public {
        bytes memory signature = _signLink(aliceKey, alice, birth);
        vm.expectRevert(_invalid(alice));
        vm.prank(relayer);
        registry.linkCredentialBySig(alice, birth, deadline + 1, signature);
    }

    function test_RevertWhen_AnUnlinkMessageIsUsedToLink() public {
        bytes memory signature = _signUnlink(aliceKey, alice, birth);
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, signature);
    }

    function test_RevertWhen_TheMessageWasSignedForAnotherRegistry() public {
        vm.prank(root);
        IdentityRegistry other = new IdentityRegistry();
        bytes memory signature = _sign(aliceKey, _digest(other, LINK_TYPEHASH, alice, birth, 0, deadline));
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, signature);
    }

    function test_RevertWhen_TheSignatureIsMalformed() public {
        bytes memory signature = _signLink(aliceKey, alice, birth);
        // Not 65 bytes: rejected as invalid, not with ECDSA's own error.
        assembly {
            mstore(signature, 64)
        }
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, signature);
    }

    function test_RevertWhen_TheSignatureIsEmpty() public {
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, "");
    }

    function test_RevertWhen_TheHolderSignsForACredentialItDoesNotHold() public {
        bytes32 bobsBirth = _anchorBirthCertificate(bob);
        bytes memory signature = _signLink(aliceKey, alice, bobsBirth);
        vm.expectRevert(abi.encodeWithSelector(IIdentityTree.TreeNotCredentialHolder.selector, alice, bobsBirth));
        _relayLink(alice, bobsBirth, signature);
        assertEq(registry.nonces(alice), 0, "nonce consumed");
    }

    function test_RevertWhen_ASuspendedHolderSigns() public {
        _suspend(admin, alice);
        bytes memory signature = _signLink(aliceKey, alice, birth);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, alice, EntityStatus.Suspended));
        _relayLink(alice, birth, signature);
    }

    function test_RevertWhen_TheCredentialIsUnknown() public {
        bytes32 unknown = keccak256("unknown");
        bytes memory signature = _signLink(aliceKey, alice, unknown);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotFound.selector, unknown));
        _relayLink(alice, unknown, signature);
    }

    function test_RevertWhen_TheCredentialIsAlreadyLinked() public {
        _linkDirectly(alice, birth);
        bytes memory signature = _signLink(aliceKey, alice, birth);
        vm.expectRevert(abi.encodeWithSelector(IIdentityTree.TreeAlreadyLinked.selector, birth));
        _relayLink(alice, birth, signature);
    }

    // ---- unlinkCredentialBySig ----

    function test_ARelayerUnlinksACredentialWithTheHoldersSignature() public {
        _linkDirectly(alice, birth);
        _relayUnlink(alice, birth, _signUnlink(aliceKey, alice, birth));
        assertFalse(registry.isLinked(alice, birth), "isLinked");
        assertEq(registry.linkedCredentialCount(alice), 0, "count");
    }

    function test_UnlinkCredentialBySigEmitsCredentialUnlinked() public {
        _linkDirectly(alice, birth);
        bytes memory signature = _signUnlink(aliceKey, alice, birth);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IIdentityTree.CredentialUnlinked(alice, birth);
        _relayUnlink(alice, birth, signature);
    }

    function test_RevertWhen_ALinkMessageIsUsedToUnlink() public {
        _linkDirectly(alice, birth);
        bytes memory signature = _signLink(aliceKey, alice, birth);
        vm.expectRevert(_invalid(alice));
        _relayUnlink(alice, birth, signature);
    }

    function test_RevertWhen_AnUnlinkMessageHasExpired() public {
        _linkDirectly(alice, birth);
        bytes memory signature = _signUnlink(aliceKey, alice, birth);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IHolderSignatures.HolderSignatureExpired.selector, deadline));
        _relayUnlink(alice, birth, signature);
    }

    function test_RevertWhen_UnlinkingByASignatureOfSomeoneElse() public {
        _linkDirectly(alice, birth);
        bytes memory signature = _signUnlink(bobKey, alice, birth);
        vm.expectRevert(_invalid(alice));
        _relayUnlink(alice, birth, signature);
    }

    function test_RevertWhen_UnlinkingByAMessageForACredentialThatIsNotLinked() public {
        bytes memory signature = _signUnlink(aliceKey, alice, birth);
        vm.expectRevert(abi.encodeWithSelector(IIdentityTree.TreeNotLinked.selector, birth));
        _relayUnlink(alice, birth, signature);
    }

    // ---- nonces ----

    function test_NoncesStartAtZero() public view {
        assertEq(registry.nonces(alice), 0, "alice");
        assertEq(registry.nonces(stranger), 0, "stranger");
    }

    function test_EachAcceptedMessageIncrementsTheHoldersNonce() public {
        _relayLink(alice, birth, _signLink(aliceKey, alice, birth));
        assertEq(registry.nonces(alice), 1, "after link");
        _relayUnlink(alice, birth, _signUnlink(aliceKey, alice, birth));
        assertEq(registry.nonces(alice), 2, "after unlink");
        _relayLink(alice, title, _signLink(aliceKey, alice, title));
        assertEq(registry.nonces(alice), 3, "after second link");
        assertEq(registry.nonces(bob), 0, "another holder's nonce");
    }

    function test_DirectCallsDoNotUseANonce() public {
        _linkDirectly(alice, birth);
        _unlinkDirectly(alice, birth);
        assertEq(registry.nonces(alice), 0, "nonce");
    }

    function test_AMessageSignedBeforeAnotherWasUsedIsRejected() public {
        // Two messages signed at nonce 0: whichever is submitted first spends the nonce.
        bytes memory linkBirth = _signLink(aliceKey, alice, birth);
        bytes memory linkTitle = _signLink(aliceKey, alice, title);
        _relayLink(alice, title, linkTitle);
        vm.expectRevert(_invalid(alice));
        _relayLink(alice, birth, linkBirth);
    }

    // ---- smart-account holders (ERC-1271) ----

    function test_ASmartAccountHolderLinksThroughERC1271() public {
        (MockWallet wallet, bytes32 uid) = _walletWithCredential();
        _relayLink(address(wallet), uid, _signLink(walletOwnerKey, address(wallet), uid));
        assertTrue(registry.isLinked(address(wallet), uid), "isLinked");
        assertEq(registry.nonces(address(wallet)), 1, "nonce");
    }

    function test_ASmartAccountHolderUnlinksThroughERC1271() public {
        (MockWallet wallet, bytes32 uid) = _walletWithCredential();
        _relayLink(address(wallet), uid, _signLink(walletOwnerKey, address(wallet), uid));
        _relayUnlink(address(wallet), uid, _signUnlink(walletOwnerKey, address(wallet), uid));
        assertFalse(registry.isLinked(address(wallet), uid), "isLinked");
    }

    function test_RevertWhen_TheSmartAccountRejectsTheSignature() public {
        (MockWallet wallet, bytes32 uid) = _walletWithCredential();
        bytes memory signature = _signLink(aliceKey, address(wallet), uid);
        vm.expectRevert(_invalid(address(wallet)));
        _relayLink(address(wallet), uid, signature);
    }

    function _walletWithCredential() internal returns (MockWallet wallet, bytes32 uid) {
        wallet = new MockWallet(vm.addr(walletOwnerKey));
        _register(admin, address(wallet), EntityKind.Person);
        uid = _anchorBirthCertificate(address(wallet));
    }

    // ---- domain ----

    function test_TheDomainSeparatorFollowsEIP712() public view {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Identree"),
                keccak256("1"),
                block.chainid,
                address(registry)
            )
        );
        assertEq(registry.DOMAIN_SEPARATOR(), expected, "DOMAIN_SEPARATOR");
    }

    function test_Eip712DomainDescribesTheDomain() public view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = registry.eip712Domain();
        assertEq(uint256(uint8(fields)), 0x0f, "fields");
        assertEq(name, "Identree", "name");
        assertEq(version, "1", "version");
        assertEq(chainId, block.chainid, "chainId");
        assertEq(verifyingContract, address(registry), "verifyingContract");
        assertEq(salt, bytes32(0), "salt");
        assertEq(extensions.length, 0, "extensions");
    }

    // ---- direct calls, for setup ----

    function _linkDirectly(address holder, bytes32 uid) internal {
        vm.prank(holder);
        registry.linkCredential(uid);
    }

    function _unlinkDirectly(address holder, bytes32 uid) internal {
        vm.prank(holder);
        registry.unlinkCredential(uid);
    }
}
