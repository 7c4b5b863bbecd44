// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEntityRegistry} from "../../../src/interfaces/IEntityRegistry.sol";
import {ICredentialRegistry} from "../../../src/interfaces/ICredentialRegistry.sol";
import {Credential, EntityStatus} from "../../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../../utils/RegistryFixture.sol";

/// @notice addAchievement and achievementLog: an append-only hash chain per appendable credential.
contract AchievementsTest is RegistryFixture {
    bytes32 internal curriculum = _commitment("curriculum");
    bytes32 internal uid;

    function setUp() public override {
        super.setUp();
        uid = _anchorCurriculum(alice, _anchorBirthCertificate(alice));
    }

    function _add(address issuer, bytes32 achievement) internal {
        vm.prank(issuer);
        registry.addAchievement(curriculum, achievement);
    }

    /// @dev head_n = bytes28(keccak256(abi.encode(head_{n-1}, achievement_n))), as ICredentialRegistry defines it.
    function _next(bytes28 head, bytes32 achievement) internal pure returns (bytes28) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return bytes28(keccak256(abi.encode(head, achievement)));
    }

    function test_ANewAppendableCredentialStartsItsChainAtItsId() public view {
        (bytes28 head, uint32 count) = registry.achievementLog(uid);
        // head_0 is the id's first 28 bytes by definition.
        // forge-lint: disable-next-line(unsafe-typecast)
        assertEq(bytes32(head), bytes32(bytes28(uid)), "head_0");
        assertEq(count, 0, "count");
    }

    function test_ANonAppendableCredentialHasNoChain() public {
        bytes32 title = _anchorCarTitle(alice);
        (bytes28 head, uint32 count) = registry.achievementLog(title);
        assertEq(bytes32(head), bytes32(0), "head");
        assertEq(count, 0, "count");
    }

    function test_AddAchievementExtendsTheChain() public {
        bytes32 achievement = keccak256("graduated");
        _add(university, achievement);
        (bytes28 head, uint32 count) = registry.achievementLog(uid);
        // forge-lint: disable-next-line(unsafe-typecast)
        assertEq(bytes32(head), bytes32(_next(bytes28(uid), achievement)), "head_1");
        assertEq(count, 1, "count");
    }

    function testFuzz_TheChainHeadFollowsEveryAppend(bytes32[5] memory achievements) public {
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes28 expected = bytes28(uid);
        for (uint256 i; i < achievements.length; ++i) {
            _add(university, achievements[i]);
            expected = _next(expected, achievements[i]);
        }
        (bytes28 head, uint32 count) = registry.achievementLog(uid);
        assertEq(bytes32(head), bytes32(expected), "head_5");
        assertEq(count, 5, "count");
    }

    function test_AddAchievementEmitsAchievementAddedWithItsIndex() public {
        _add(university, keccak256("first"));
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.AchievementAdded(uid, keccak256("second"), 1);
        _add(university, keccak256("second"));
    }

    function test_TheFirstAchievementHasIndexZero() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.AchievementAdded(uid, keccak256("first"), 0);
        _add(university, keccak256("first"));
    }

    function test_RevertWhen_AddingToANonAppendableCredential() public {
        bytes32 title = _anchorCarTitle(alice);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialOperationNotSupported.selector, title, CAR_TITLE)
        );
        vm.prank(dealer);
        registry.addAchievement(_commitment("car title"), keccak256("achievement"));
    }

    function test_RevertWhen_AddingToARevokedCredential() public {
        vm.prank(university);
        registry.revokeCredential(curriculum);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialAlreadyRevoked.selector, uid));
        _add(university, keccak256("late"));
    }

    function test_RevertWhen_AddingAfterTheValidityWindowClosed() public {
        Credential memory record = registry.credential(uid);
        vm.warp(record.validUntil - 1);
        _add(university, keccak256("last day"));
        vm.warp(record.validUntil);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialInvalidWindow.selector, record.validFrom, record.validUntil
            )
        );
        _add(university, keccak256("too late"));
        (, uint32 count) = registry.achievementLog(uid);
        assertEq(count, 1, "only the in-window achievement");
    }

    function test_RevertWhen_AnotherIssuerAdds() public {
        // The id is derived from the caller, so another issuer points at a credential that does not exist.
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialNotFound.selector, registry.credentialId(ministry, curriculum)
            )
        );
        _add(ministry, keccak256("forged"));
    }

    function test_RevertWhen_TheCommitmentIsUnknown() public {
        bytes32 unknown = _commitment("unknown");
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialNotFound.selector, registry.credentialId(university, unknown)
            )
        );
        vm.prank(university);
        registry.addAchievement(unknown, keccak256("achievement"));
    }

    function test_RevertWhen_ASuspendedIssuerAdds() public {
        _suspend(ministry, university);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, university, EntityStatus.Suspended)
        );
        _add(university, keccak256("achievement"));
    }

    function testFuzz_RevertWhen_AnUnregisteredAccountAdds(address caller) public {
        vm.assume(!registry.exists(caller));
        vm.assume(caller != registry.holderRegistry()); // its calls carry their signer appended
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, caller));
        _add(caller, keccak256("achievement"));
        assertEq(_stateDigest(), before, "state changed");
    }

    function testFuzz_RevertWhen_ARegisteredEntityOtherThanTheIssuerAdds(uint8 callerSeed) public {
        address[6] memory others = [root, ministry, admin, dealer, alice, bob];
        address caller = others[_bound(callerSeed, 0, 5)];
        bytes32 before = _stateDigest();
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialNotFound.selector, registry.credentialId(caller, curriculum)
            )
        );
        _add(caller, keccak256("achievement"));
        assertEq(_stateDigest(), before, "state changed");
    }
}
