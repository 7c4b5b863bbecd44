// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {HolderFixture} from "../utils/HolderFixture.sol";
import {IAuthorityRelay} from "../../src/interfaces/IAuthorityRelay.sol";
import {IEntityRegistry} from "../../src/interfaces/IEntityRegistry.sol";
import {IIdentityToken} from "../../src/interfaces/IIdentityToken.sol";
import {IKeyBindings} from "../../src/interfaces/IKeyBindings.sol";
import {CertificationLevel, EntityKind, EntityStatus} from "../../src/interfaces/IdentityTypes.sol";

/// @notice Issue 17: an authority with no ether signs its registry call; a sponsor relays it through the holder
/// registry, and the registry acts for the signer's identity with every rule it applies to a direct caller.
contract AuthorityRelayTest is HolderFixture {
    bytes32 internal constant AUTHORITY_CALL_TYPEHASH =
        keccak256("AuthorityCall(address signer,bytes data,uint256 nonce,uint256 deadline)");
    address internal sponsor = address(0x5905);

    function _signCall(uint256 privateKey, bytes memory data, uint256 deadline) internal view returns (bytes memory) {
        address signer = vm.addr(privateKey);
        return _sign(privateKey, keccak256(abi.encode(AUTHORITY_CALL_TYPEHASH, signer, keccak256(data), holders.nonces(signer), deadline)));
    }

    function _relay(uint256 privateKey, bytes memory data) internal returns (bytes memory) {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _signCall(privateKey, data, deadline);
        vm.prank(sponsor);
        return holders.relayAuthorityCall(vm.addr(privateKey), data, deadline, signature);
    }

    function test_AGovernmentRegistersAndAnchorsThroughTheRelayWithoutSendingATransaction() public {
        address citizen = _actor("citizen");
        _relay(_keyOf("ministry"), abi.encodeCall(IEntityRegistry.registerEntity, (citizen, EntityKind.Person)));
        assertEq(registry.registrarOf(citizen), ministry, "registered by the signer's identity, not the sponsor or the relay");
        bytes memory result = _relay(_keyOf("ministry"), abi.encodeWithSelector(registry.anchorBirthCertificate.selector, _request(citizen, BIRTH_CERTIFICATE, _commitment("c")), address(0), address(0)));
        bytes32 uid = abi.decode(result, (bytes32));
        assertEq(uid, registry.credentialId(ministry, _commitment("c")), "the uid binds the signer's identity");
        assertEq(uint256(registry.credential(uid).level), uint256(CertificationLevel.GovernmentCertified), "full standing");
    }

    function test_TheRegistrysRulesApplyToTheSigner() public {
        // A person cannot register anyone, relayed or not.
        bytes memory data = abi.encodeCall(IEntityRegistry.registerEntity, (_actor("x"), EntityKind.Person));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _signCall(_keyOf("alice"), data, deadline);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityKindNotAllowed.selector, alice, EntityKind.Person, EntityKind.Person));
        holders.relayAuthorityCall(alice, data, deadline, signature);
    }

    function test_ARetiredKeysSignatureActsForNoOne() public {
        _rotate(ministry, ministry, 0xA11CE);
        bytes memory data = abi.encodeCall(IEntityRegistry.registerEntity, (_actor("y"), EntityKind.Person));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _signCall(_keyOf("ministry"), data, deadline);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, ministry));
        holders.relayAuthorityCall(ministry, data, deadline, signature);
    }

    function test_AlteredDataAReplayAndALateSignatureAreRefused() public {
        address citizen = _actor("citizen");
        bytes memory data = abi.encodeCall(IEntityRegistry.registerEntity, (citizen, EntityKind.Person));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _signCall(_keyOf("ministry"), data, deadline);
        bytes memory altered = abi.encodeCall(IEntityRegistry.registerEntity, (citizen, EntityKind.Government));
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureInvalid.selector, ministry));
        holders.relayAuthorityCall(ministry, altered, deadline, signature);
        vm.prank(sponsor);
        holders.relayAuthorityCall(ministry, data, deadline, signature);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureInvalid.selector, ministry));
        holders.relayAuthorityCall(ministry, data, deadline, signature);
        bytes memory next = abi.encodeCall(IEntityRegistry.suspendEntity, (citizen));
        bytes memory lateSignature = _signCall(_keyOf("ministry"), next, deadline);
        vm.warp(deadline + 1);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.HolderSignatureExpired.selector, deadline));
        holders.relayAuthorityCall(ministry, next, deadline, lateSignature);
    }

    function test_TheKeyChangeHookIsNeverRelayed() public {
        bytes memory data = abi.encodeCall(IIdentityToken.onKeyChanged, (alice, alice, stranger));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _signCall(_keyOf("stranger"), data, deadline);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IAuthorityRelay.RelayCallNotAllowed.selector, IIdentityToken.onKeyChanged.selector));
        holders.relayAuthorityCall(stranger, data, deadline, signature);
        assertEq(_statusOf(alice), uint256(EntityStatus.Active), "alice untouched");
    }

    function testFuzz_OnlyTheSignersIdentityActs(uint256 privateKey) public {
        privateKey = _bound(privateKey, 1, 2 ** 128);
        address signer = vm.addr(privateKey);
        vm.assume(!registry.exists(signer));
        // An unregistered key's relayed registration is refused as its own, never as the relay's or the sponsor's.
        bytes memory data = abi.encodeCall(IEntityRegistry.registerEntity, (_actor("z"), EntityKind.Person));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _signCall(privateKey, data, deadline);
        vm.prank(sponsor);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, signer));
        holders.relayAuthorityCall(signer, data, deadline, signature);
    }
}
