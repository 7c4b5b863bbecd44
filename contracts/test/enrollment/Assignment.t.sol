// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EnrollmentRegistry} from "../../src/enrollment/EnrollmentRegistry.sol";
import {EnrollmentConfig} from "../../src/interfaces/IEnrollmentRegistry.sol";
import {EnrollmentFixture} from "./EnrollmentFixture.sol";

/// @notice Properties of the panels, fuzzed over beacons, pool sizes and configurations.
contract AssignmentTest is EnrollmentFixture {
    /// @dev For any beacon, document size and pool size the registry accepts: verifiers are distinct within
    /// a field (over all its rounds) and none gets more than k fields of the document.
    function testFuzz_panels_are_distinct_per_field_and_bounded_by_k(
        uint256 blockSeed,
        uint8 fieldCount,
        uint8 extraVerifiers,
        uint8 k,
        uint8 perField,
        uint8 rounds
    ) public {
        fieldCount = uint8(_bound(fieldCount, 1, 12));
        k = uint8(_bound(k, 1, 4));
        perField = uint8(_bound(perField, 1, 4));
        rounds = uint8(_bound(rounds, 1, 3));
        vm.prank(root);
        enrollments.configure(EnrollmentConfig({quorum: 200, perField: perField, maxFieldsPerVerifier: k, maxRounds: rounds}));
        uint256 slots = uint256(fieldCount) * perField * rounds;
        uint256 needed = slots / k + (slots % k == 0 ? 0 : 1);
        if (needed < uint256(perField) * rounds) needed = uint256(perField) * rounds;
        uint256 extra = _bound(extraVerifiers, 0, 20);
        for (uint256 i = POOL; i < needed + extra; ++i) _addVerifier(i);
        uint256 pool = enrollments.verifierCount();

        vmx.roll(_bound(blockSeed, 1000, 1_000_000));
        vm.prank(bob);
        bytes32 e = enrollments.enroll(keccak256(abi.encode(blockSeed)), fieldsRoot, fieldCount);
        vmx.roll(block.number + 1);
        enrollments.sealBeacon(e);

        address[] memory seen = new address[](slots);
        uint256[] memory fieldsOf = new uint256[](pool);
        uint256 n;
        for (uint8 f; f < fieldCount; ++f) {
            uint256 start = n;
            for (uint8 s; s < perField * rounds; ++s) {
                address v = enrollments.assignedVerifier(e, f, s);
                for (uint256 j = start; j < n; ++j) assertTrue(seen[j] != v, "a verifier twice in one field");
                seen[n++] = v;
                fieldsOf[enrollments.verifierIndex(v)] += 1;
            }
        }
        for (uint256 i; i < pool; ++i) assertLe(fieldsOf[i], k, "more than k fields of one document");
    }

    /// @dev Each slot's verifier is uniform over the pool when the beacon is: over 300 beacons, slot 0 of field 0
    /// lands on every one of 30 verifiers, none more than three times its share.
    function test_slot_zero_spreads_over_the_whole_pool() public {
        uint256[] memory hits = new uint256[](POOL);
        for (uint256 i; i < 300; ++i) {
            vmx.roll(2000 + 2 * i);
            vm.prank(bob);
            bytes32 e = enrollments.enroll(keccak256(abi.encode(i)), fieldsRoot, 1);
            vmx.roll(2001 + 2 * i);
            enrollments.sealBeacon(e);
            hits[enrollments.verifierIndex(enrollments.assignedVerifier(e, 0, 0))] += 1;
        }
        for (uint256 v; v < POOL; ++v) {
            assertTrue(hits[v] > 0, "a verifier never drawn");
            assertLe(hits[v], 30, "a verifier drawn three times its share");
        }
    }

    function test_panels_read_before_the_beacon_is_stored_are_the_ones_it_stores() public {
        vm.prank(bob);
        bytes32 e = enrollments.enroll(imageHash, fieldsRoot, FIELDS);
        vmx.roll(block.number + 1);
        address[] memory before = new address[](30);
        for (uint8 i; i < 30; ++i) before[i] = enrollments.assignedVerifier(e, i / 3, i % 3);
        enrollments.sealBeacon(e);
        for (uint8 i; i < 30; ++i) assertEq(enrollments.assignedVerifier(e, i / 3, i % 3), before[i], "same panel");
    }

    function test_the_same_commitment_by_another_enrollee_is_another_enrollment() public {
        vm.prank(bob);
        bytes32 e = enrollments.enroll(imageHash, fieldsRoot, FIELDS);
        assertTrue(e != id, "ids differ by enrollee");
        EnrollmentRegistry other = new EnrollmentRegistry(address(registry));
        assertEq(other.enrollmentId(bob, imageHash, fieldsRoot), e, "the id is a pure function");
    }
}
