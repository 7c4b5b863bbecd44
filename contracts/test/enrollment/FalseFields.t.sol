// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {
    EnrollmentStatus,
    FieldConfirmation,
    IEnrollmentRegistry
} from "../../src/interfaces/IEnrollmentRegistry.sol";
import {EnrollmentFixture} from "./EnrollmentFixture.sol";

/// @notice A field a government finds false after the fact costs its confirmers half their reputation.
contract FalseFieldsTest is EnrollmentFixture {
    FieldConfirmation[] internal batch;
    bytes32[] internal leaves;

    function setUp() public override {
        super.setUp();
        // Field 6: two confirm and one corrects, which leaves it open for a second round.
        FieldConfirmation[] memory full = _fullBatch();
        full[20] = _answer(6, 2, false);
        for (uint256 i; i < full.length; ++i) batch.push(full[i]);
        _record(full);
        leaves = _leaves(full);
    }

    function _penalise(uint256 index) internal {
        enrollments.penaliseConfirmation(_commitment(), 0, batch[index], _batchProof(leaves, index), _opening(batch[index].field));
    }

    function test_a_confirmer_of_a_field_found_false_loses_half_once() public {
        address confirmer = enrollments.assignedVerifier(id, 6, 0);
        uint16 before = enrollments.reputationOf(confirmer);
        vm.prank(ministry);
        enrollments.reportFalseField(id, 6);
        assertEq(uint256(enrollments.enrollment(id).status), uint256(EnrollmentStatus.Disputed), "disputed");
        vm.prank(stranger); // anyone may show the evidence
        _penalise(18);
        assertEq(enrollments.reputationOf(confirmer), before / 2, "halved");
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentPenaltyUnfounded.selector, id, 6, 0));
        _penalise(18);
    }

    function test_the_verifier_who_corrected_it_is_not_penalised() public {
        vm.prank(ministry);
        enrollments.reportFalseField(id, 6);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentPenaltyUnfounded.selector, id, 6, 2));
        _penalise(20);
    }

    function test_no_penalty_for_a_field_not_found_false() public {
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentPenaltyUnfounded.selector, id, 0, 0));
        _penalise(0);
    }

    function test_only_a_government_reports_a_false_field() public {
        vm.prank(university);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentNotAGovernment.selector, university));
        enrollments.reportFalseField(id, 6);
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentFieldUnknown.selector, id, FIELDS));
        enrollments.reportFalseField(id, FIELDS);
    }
}
