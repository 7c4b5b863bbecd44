// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ICredentialRegistry} from "../../../src/interfaces/ICredentialRegistry.sol";
import {RegistryFixture} from "../../utils/RegistryFixture.sol";

/// @notice revokeCredential: the issuer, proven by presenting the commitment, revokes for good.
contract RevocationTest is RegistryFixture {
    bytes32 internal title = _commitment("car title");
    bytes32 internal uid;

    function setUp() public override {
        super.setUp();
        uid = _anchorCarTitle(alice);
    }

    function _revokeCredential(address issuer) internal {
        vm.prank(issuer);
        registry.revokeCredential(title);
    }

    function test_TheIssuerRevokesACredential() public {
        _revokeCredential(dealer);
        assertTrue(registry.credential(uid).revoked, "revoked");
        assertFalse(registry.isCredentialValid(uid), "valid");
    }

    function test_RevocationKeepsTheRestOfTheRecord() public {
        _revokeCredential(dealer);
        assertEq(registry.credential(uid).subject, alice, "subject");
        assertEq(registry.credential(uid).credentialType, CAR_TITLE, "type");
    }

    function test_RevokeCredentialEmitsCredentialRevoked() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.CredentialRevoked(uid, dealer);
        _revokeCredential(dealer);
    }

    function test_ASuspendedIssuerStillRevokesWhatItIssued() public {
        _suspend(admin, dealer);
        _revokeCredential(dealer);
        assertTrue(registry.credential(uid).revoked, "revoked");
    }

    function test_RevertWhen_RevokingTwice() public {
        _revokeCredential(dealer);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialAlreadyRevoked.selector, uid));
        _revokeCredential(dealer);
    }

    function test_RevertWhen_RevokingAnUnknownCommitment() public {
        bytes32 unknown = _commitment("unknown");
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialNotFound.selector, registry.credentialId(dealer, unknown)
            )
        );
        vm.prank(dealer);
        registry.revokeCredential(unknown);
    }

    function test_RevertWhen_TheHolderRevokes() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialNotFound.selector, registry.credentialId(alice, title))
        );
        _revokeCredential(alice);
    }

    function testFuzz_RevertWhen_AnyoneButTheIssuerRevokes(address caller) public {
        vm.assume(caller != dealer);
        bytes32 before = _stateDigest();
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialNotFound.selector, registry.credentialId(caller, title)
            )
        );
        _revokeCredential(caller);
        assertEq(_stateDigest(), before, "state changed");
        assertFalse(registry.credential(uid).revoked, "revoked");
    }
}
