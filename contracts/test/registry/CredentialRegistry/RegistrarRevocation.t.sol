// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ICredentialRegistry} from "../../../src/interfaces/ICredentialRegistry.sol";
import {IEntityRegistry} from "../../../src/interfaces/IEntityRegistry.sol";
import {EntityKind} from "../../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../../utils/RegistryFixture.sol";

/// @notice revokeCredentialOf (issue 23 §2): a registrar above an issuer, or root, revokes what the issuer
/// anchored, so a compromised issuer's credentials can be cut off after the issuer itself is revoked.
contract RegistrarRevocationTest is RegistryFixture {
    address internal province = _actor("province");
    bytes32 internal birthCommitment;
    bytes32 internal uid;

    function setUp() public override {
        super.setUp();
        _register(ministry, province, EntityKind.Government);
        birthCommitment = _commitment("birth in the province");
        vm.prank(province);
        uid = registry.anchorBirthCertificate(_request(alice, BIRTH_CERTIFICATE, birthCommitment), address(0), address(0));
    }

    function test_RootRevokesABirthCertificateOfASinceRevokedGovernment() public {
        _revoke(root, province);
        vm.prank(root);
        registry.revokeCredentialOf(province, birthCommitment);
        assertTrue(registry.credential(uid).revoked, "revoked by root");
        assertFalse(registry.isCredentialValid(uid), "no longer valid");
    }

    function test_ARegistrarAboveTheIssuerRevokesAndIsNamedInTheEvent() public {
        vm.expectEmit(true, true, false, false, address(registry));
        emit ICredentialRegistry.CredentialRevoked(uid, ministry);
        vm.prank(ministry);
        registry.revokeCredentialOf(province, birthCommitment);
        assertTrue(registry.credential(uid).revoked, "revoked by the ministry");
    }

    function test_NobodyOutsideTheIssuersChainRevokes() public {
        for (uint256 i; i < 3; ++i) {
            address caller = i == 0 ? university : (i == 1 ? alice : stranger);
            vm.prank(caller);
            if (caller == stranger) {
                vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
            } else {
                vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotInRegistrationChain.selector, caller, province));
            }
            registry.revokeCredentialOf(province, birthCommitment);
        }
        // The issuer itself is not above itself: it uses revokeCredential.
        vm.prank(province);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotInRegistrationChain.selector, province, province));
        registry.revokeCredentialOf(province, birthCommitment);
        assertFalse(registry.credential(uid).revoked, "still standing");
    }

    function test_ASuspendedRegistrarCannotRevoke() public {
        _suspend(root, ministry);
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, ministry, 2));
        registry.revokeCredentialOf(province, birthCommitment);
    }

    function test_ACredentialIsRevokedOnceAndAnUnknownOneIsNotFound() public {
        vm.prank(root);
        registry.revokeCredentialOf(province, birthCommitment);
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialAlreadyRevoked.selector, uid));
        registry.revokeCredentialOf(province, birthCommitment);
        bytes32 unknown = registry.credentialId(province, _commitment("never anchored"));
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotFound.selector, unknown));
        registry.revokeCredentialOf(province, _commitment("never anchored"));
    }
}
