// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {HolderFixture} from "../utils/HolderFixture.sol";
import {IAuthorityRelay} from "../../src/interfaces/IAuthorityRelay.sol";
import {ICompromiseReports} from "../../src/interfaces/ICompromiseReports.sol";
import {IConsentRegistry} from "../../src/interfaces/IConsentRegistry.sol";
import {IKeyBindings} from "../../src/interfaces/IKeyBindings.sol";
import {EntityStatus} from "../../src/interfaces/IdentityTypes.sol";

/// @notice Issue 17: the holder registry's own authority writes (a registrar's re-bind and compromise report, a
/// verifier's access log) go through the same signed AuthorityCall as the registry's, and act for the signer.
contract RelayedAuthorityWritesTest is HolderFixture {
    bytes32 internal constant AUTHORITY_CALL_TYPEHASH =
        keccak256("AuthorityCall(address signer,bytes data,uint256 nonce,uint256 deadline)");
    uint40 internal constant STOLEN_AT = 1_000_000;
    bytes26 internal constant AGE = bytes26(keccak256("age"));
    address internal sponsor = address(0x5905);

    function setUp() public override {
        super.setUp();
        vm.warp(STOLEN_AT + 3_600);
    }

    function _signCall(uint256 privateKey, bytes memory data, uint256 deadline) internal view returns (bytes memory) {
        address signer = vm.addr(privateKey);
        return _sign(
            privateKey,
            keccak256(abi.encode(AUTHORITY_CALL_TYPEHASH, signer, keccak256(data), holders.nonces(signer), deadline))
        );
    }

    /// @dev Signs `data` with `privateKey` and has the sponsor relay it, returning what to replay.
    function _relay(uint256 privateKey, bytes memory data) internal returns (bytes memory signature, uint256 deadline) {
        deadline = block.timestamp + 1 hours;
        signature = _signCall(privateKey, data, deadline);
        vm.prank(sponsor);
        holders.relayAuthorityCall(vm.addr(privateKey), data, deadline, signature);
    }

    function test_ARegistrarRebindsAnIdentityThroughTheRelay() public {
        address newKey = vm.addr(0xB0B0);
        vm.expectEmit(true, true, true, true, address(holders));
        emit IKeyBindings.IdentityRebound(alice, admin, keccak256("in person"));
        _relay(_keyOf("admin"), abi.encodeCall(IKeyBindings.rebindByRegistrar, (alice, newKey, keccak256("in person"))));
        assertEq(holders.keyOf(alice), newKey, "rebound by the signer's authority");
    }

    function test_ARegistrarReportsACompromiseThroughTheRelay() public {
        _suspend(ministry, university);
        vm.expectEmit(true, true, true, true, address(holders));
        emit ICompromiseReports.CompromiseReported(university, ministry, STOLEN_AT, EntityStatus.Suspended);
        _relay(_keyOf("ministry"), abi.encodeCall(ICompromiseReports.reportCompromise, (university, STOLEN_AT)));
        assertEq(holders.compromiseOf(university).since, STOLEN_AT, "reported");
    }

    function test_AVerifiersRelayedLogNamesTheSignerNotTheSponsorOrTheRelay() public {
        bytes32 uid = keccak256("credential");
        vm.expectEmit(true, true, true, true, address(holders));
        emit IConsentRegistry.AccessLogged(alice, dealer, uid, AGE, true);
        _relay(_keyOf("dealer"), abi.encodeCall(IConsentRegistry.logAccess, (alice, uid, AGE, true)));
    }

    function test_TheSignerMustBeInTheRegistrationChainNotTheRelay() public {
        // Had the relay's own address been taken for the caller, the refusal would name the holder registry.
        bytes memory data = abi.encodeCall(IKeyBindings.rebindByRegistrar, (alice, vm.addr(0xB0B0), bytes32(0)));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _signCall(_keyOf("bob"), data, deadline);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyNotInRegistrationChain.selector, bob, alice));
        holders.relayAuthorityCall(bob, data, deadline, signature);
        assertEq(holders.keyOf(alice), alice, "nothing changed");
    }

    function test_ARetiredRegistrarKeysSignatureActsForNoOne() public {
        _suspend(ministry, university);
        _rotate(ministry, ministry, 0xA11CE);
        bytes memory data = abi.encodeCall(ICompromiseReports.reportCompromise, (university, STOLEN_AT));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _signCall(_keyOf("ministry"), data, deadline);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, ministry));
        holders.relayAuthorityCall(ministry, data, deadline, signature);
        // The current key's signature acts for the same identity.
        vm.expectEmit(true, true, true, true, address(holders));
        emit ICompromiseReports.CompromiseReported(university, ministry, STOLEN_AT, EntityStatus.Suspended);
        _relay(0xA11CE, data);
    }

    function test_ARelayedWriteIsNotReplayed() public {
        bytes memory data = abi.encodeCall(IConsentRegistry.logAccess, (alice, keccak256("credential"), AGE, true));
        (bytes memory signature, uint256 deadline) = _relay(_keyOf("dealer"), data);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureInvalid.selector, dealer));
        holders.relayAuthorityCall(dealer, data, deadline, signature);
    }

    function test_AHolderWriteOfThisContractIsNotRelayedAsTheSigner() public {
        // grantAccess resolves msg.sender, not the appended signer: it never runs on this contract through the
        // relay (it would act for the holder registry itself), and the identity registry has no such function.
        bytes memory data = abi.encodeCall(IConsentRegistry.grantAccess, (dealer, keccak256("credential"), 1 days, AGE));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _signCall(_keyOf("alice"), data, deadline);
        vm.prank(sponsor);
        vm.expectRevert(bytes(""));
        holders.relayAuthorityCall(alice, data, deadline, signature);
        assertEq(holders.grantOf(address(holders), dealer, keccak256("credential")).expiresAt, 0, "no grant as the relay");
        assertEq(holders.grantOf(alice, dealer, keccak256("credential")).expiresAt, 0, "no grant as the signer");
    }

    function test_TheRelayDoesNotRelayItself() public {
        bytes memory inner = abi.encodeCall(IConsentRegistry.logAccess, (alice, keccak256("credential"), AGE, true));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory data = abi.encodeCall(
            IAuthorityRelay.relayAuthorityCall, (dealer, inner, deadline, _signCall(_keyOf("dealer"), inner, deadline))
        );
        bytes memory signature = _signCall(_keyOf("dealer"), data, deadline);
        vm.prank(sponsor);
        vm.expectRevert(
            abi.encodeWithSelector(IAuthorityRelay.RelayCallNotAllowed.selector, IAuthorityRelay.relayAuthorityCall.selector)
        );
        holders.relayAuthorityCall(dealer, data, deadline, signature);
    }

    function testFuzz_ADirectCallNeverReadsTrailingBytesAsTheSigner(address claimed) public {
        // Appending an address to a direct call changes nothing: only the relay's own call is trusted to name one.
        bytes32 uid = keccak256("credential");
        vm.expectEmit(true, true, true, true, address(holders));
        emit IConsentRegistry.AccessLogged(alice, dealer, uid, AGE, false);
        vm.prank(dealer);
        (bool ok,) = address(holders).call(abi.encodePacked(abi.encodeCall(IConsentRegistry.logAccess, (alice, uid, AGE, false)), claimed));
        assertTrue(ok, "logged");
    }
}
