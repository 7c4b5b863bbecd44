// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {CredentialRequest} from "../../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../../utils/RegistryFixture.sol";

/// @notice isCredentialValid: anchored, not revoked, and validFrom <= now < validUntil.
contract ValidityTest is RegistryFixture {
    uint32 internal constant FROM = START + 10 days;
    uint32 internal constant UNTIL = START + 20 days;
    bytes32 internal uid;

    function setUp() public override {
        super.setUp();
        CredentialRequest memory request = _request(alice, CAR_TITLE, _commitment("car title"));
        request.validFrom = FROM;
        request.validUntil = UNTIL;
        uid = _anchor(dealer, request);
    }

    function test_InvalidOneSecondBeforeValidFrom() public {
        vm.warp(FROM - 1);
        assertFalse(registry.isCredentialValid(uid), "valid");
    }

    function test_ValidAtValidFrom() public {
        vm.warp(FROM);
        assertTrue(registry.isCredentialValid(uid), "valid");
    }

    function test_ValidOneSecondBeforeValidUntil() public {
        vm.warp(UNTIL - 1);
        assertTrue(registry.isCredentialValid(uid), "valid");
    }

    function test_InvalidAtValidUntil() public {
        vm.warp(UNTIL);
        assertFalse(registry.isCredentialValid(uid), "valid");
    }

    function test_InvalidLongAfterValidUntil() public {
        vm.warp(UNTIL + 3650 days);
        assertFalse(registry.isCredentialValid(uid), "valid");
    }

    function test_ARevokedCredentialIsInvalidInsideItsWindow() public {
        vm.warp(FROM);
        vm.prank(dealer);
        registry.revokeCredential(_commitment("car title"));
        assertFalse(registry.isCredentialValid(uid), "valid");
    }

    function test_AnUnknownCredentialIsInvalid() public view {
        assertFalse(registry.isCredentialValid(keccak256("unknown")), "valid");
        assertFalse(registry.isCredentialValid(bytes32(0)), "zero id valid");
    }

    function testFuzz_ValidExactlyInsideTheWindow(uint32 time) public {
        vm.warp(time);
        assertEq(registry.isCredentialValid(uid), time >= FROM && time < UNTIL, "valid");
    }

    function test_ACredentialOfASuspendedSubjectStaysValid() public {
        // isCredentialValid covers anchoring, revocation and the window only, as its NatSpec says.
        vm.warp(FROM);
        _suspend(admin, alice);
        assertTrue(registry.isCredentialValid(uid), "valid");
    }
}
