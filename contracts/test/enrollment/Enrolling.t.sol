// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EnrollmentRegistry} from "../../src/enrollment/EnrollmentRegistry.sol";
import {
    Enrollment,
    EnrollmentConfig,
    EnrollmentStatus,
    IEnrollmentRegistry
} from "../../src/interfaces/IEnrollmentRegistry.sol";
import {EntityKind} from "../../src/interfaces/IdentityTypes.sol";
import {EnrollmentFixture} from "./EnrollmentFixture.sol";

/// @notice Verifier accreditation, configuration and recording a document's commitment.
contract EnrollingTest is EnrollmentFixture {
    function test_records_the_commitment_and_snapshots_the_configuration() public view {
        Enrollment memory e = enrollments.enrollment(id);
        assertEq(e.fieldCount, FIELDS, "fields");
        assertEq(e.poolSize, POOL, "pool");
        assertEq(e.config.quorum, 200, "quorum");
        assertEq(uint256(e.status), uint256(EnrollmentStatus.Open), "open");
        assertTrue(e.beaconSealed, "sealed");
        assertEq(id, keccak256(abi.encode(alice, imageHash, fieldsRoot)), "id");
    }

    function test_refuses_an_enrollee_who_is_not_a_person() public {
        vm.prank(dealer);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentNotAPerson.selector, dealer));
        enrollments.enroll(imageHash, fieldsRoot, FIELDS);
    }

    function test_refuses_an_empty_or_oversized_commitment() public {
        vm.startPrank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentCommitmentInvalid.selector, bytes32(0), fieldsRoot, 10)
        );
        enrollments.enroll(bytes32(0), fieldsRoot, 10);
        vm.expectRevert(
            abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentCommitmentInvalid.selector, imageHash, fieldsRoot, 33)
        );
        enrollments.enroll(imageHash, fieldsRoot, 33);
        vm.stopPrank();
    }

    function test_refuses_the_same_commitment_twice() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentAlreadyRecorded.selector, id));
        enrollments.enroll(imageHash, fieldsRoot, FIELDS);
    }

    function test_refuses_a_document_the_pool_cannot_cover_within_k_fields_per_verifier() public {
        // 30 verifiers, k = 2: at most 30 · 2 / (3 · 2) = 10 fields.
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentPoolTooSmall.selector, POOL, 66, 2));
        enrollments.enroll(imageHash, fieldsRoot, 11);
    }

    function test_the_beacon_waits_for_the_next_block_and_expires_after_256() public {
        vm.prank(bob);
        bytes32 bobs = enrollments.enroll(imageHash, fieldsRoot, 2);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentBeaconUnavailable.selector, bobs, 101));
        enrollments.sealBeacon(bobs);
        vmx.roll(101 + 257);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentBeaconUnavailable.selector, bobs, 101));
        enrollments.sealBeacon(bobs);
    }

    function test_only_an_active_government_accredits_and_only_persons_or_organizations_verify() public {
        vm.prank(university);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentNotAGovernment.selector, university));
        enrollments.accreditVerifier(bob);
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentVerifierIneligible.selector, university));
        enrollments.accreditVerifier(university);
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentVerifierIneligible.selector, stranger));
        enrollments.accreditVerifier(stranger);
        address first = enrollments.verifierAt(0);
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentVerifierAlreadyAccredited.selector, first));
        enrollments.accreditVerifier(first);
    }

    function test_a_suspended_person_cannot_become_a_verifier() public {
        _suspend(admin, bob);
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentVerifierIneligible.selector, bob));
        enrollments.accreditVerifier(bob);
    }

    function test_a_new_verifier_weighs_100_and_a_withdrawn_one_0() public {
        address first = enrollments.verifierAt(0);
        assertEq(enrollments.reputationOf(first), 100, "initial");
        vm.prank(ministry);
        enrollments.withdrawVerifier(first);
        assertEq(enrollments.reputationOf(first), 0, "withdrawn");
        assertEq(enrollments.reputationOf(enrollments.verifierAt(1)), 100, "neighbour in the same word untouched");
    }

    function test_only_root_configures_and_a_zero_is_refused() public {
        EnrollmentConfig memory c = EnrollmentConfig({quorum: 300, perField: 5, maxFieldsPerVerifier: 1, maxRounds: 3});
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentUnauthorized.selector, ministry));
        enrollments.configure(c);
        vm.prank(root);
        enrollments.configure(c);
        assertEq(enrollments.config().perField, 5, "perField");
        c.quorum = 0;
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentConfigInvalid.selector, c));
        enrollments.configure(c);
    }

    function test_a_fresh_registry_has_no_verifiers_so_refuses_enrollments() public {
        EnrollmentRegistry empty = new EnrollmentRegistry(address(registry));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentPoolTooSmall.selector, 0, 6, 2));
        empty.enroll(imageHash, fieldsRoot, 1);
    }

    function test_an_unknown_enrollment_reads_as_none() public view {
        assertEq(uint256(enrollments.enrollment(keccak256("nothing")).status), uint256(EnrollmentStatus.None), "none");
    }

    function test_verifier_kinds_come_from_the_identity_registry() public {
        address org = _actor("translation office");
        _register(admin, org, EntityKind.Organization);
        vm.prank(ministry);
        uint16 index = enrollments.accreditVerifier(org);
        assertEq(index, POOL, "appended");
        assertEq(enrollments.verifierIndex(org), POOL, "index");
    }
}
