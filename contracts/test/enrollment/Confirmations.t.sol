// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {
    ConfirmationFault,
    EnrollmentConfig,
    FieldConfirmation,
    FieldOutcome,
    IEnrollmentRegistry
} from "../../src/interfaces/IEnrollmentRegistry.sol";
import {EnrollmentFixture, packBatch} from "./EnrollmentFixture.sol";

/// @notice Recording confirmations: tallies, quorum, escalation, reputation and what is refused.
contract ConfirmationsTest is EnrollmentFixture {
    function test_a_full_agreeing_batch_confirms_every_field_and_rewards_every_verifier() public {
        FieldConfirmation[] memory batch = _fullBatch();
        uint16 b = _record(batch);
        assertEq(b, 0, "first batch");
        for (uint8 f; f < FIELDS; ++f) {
            assertEq(uint256(enrollments.fieldOutcome(id, f)), uint256(FieldOutcome.Confirmed), "confirmed");
        }
        // Thirty first-round slots over thirty verifiers: some answer two fields, some none (k = 2).
        uint256 total;
        for (uint256 i; i < POOL; ++i) {
            address v = enrollments.verifierAt(i);
            uint256 answered;
            for (uint8 f; f < FIELDS; ++f) {
                for (uint8 s; s < 3; ++s) if (enrollments.assignedVerifier(id, f, s) == v) ++answered;
            }
            assertEq(enrollments.reputationOf(v), 100 + 10 * answered, "10 per agreement");
            total += answered;
        }
        assertEq(total, 30, "every slot paid once");
        assertNotEq(enrollments.batchRoot(id, 0), bytes32(0), "root stored");
    }

    function test_a_dissent_leaves_the_field_open_then_sends_it_to_three_more_verifiers() public {
        FieldConfirmation[] memory batch = new FieldConfirmation[](3);
        batch[0] = _answer(4, 0, true);
        batch[1] = _answer(4, 1, true);
        batch[2] = _answer(4, 2, false);
        _record(batch);
        assertEq(uint256(enrollments.fieldOutcome(id, 4)), uint256(FieldOutcome.Pending), "200 - 100 < 200");
        assertEq(enrollments.roundsOf(id, 4), 2, "second round open");
        address dissenter = enrollments.assignedVerifier(id, 4, 2);

        batch = new FieldConfirmation[](2);
        batch[0] = _answer(4, 3, true);
        batch[1] = _answer(4, 4, true);
        _record(batch);
        assertEq(uint256(enrollments.fieldOutcome(id, 4)), uint256(FieldOutcome.Pending), "a disagreement waits for every answer");
        _record(_one(_answer(4, 5, true)));
        assertEq(uint256(enrollments.fieldOutcome(id, 4)), uint256(FieldOutcome.Confirmed), "500 - 100 >= 200");
        assertEq(enrollments.reputationOf(dissenter), 50, "the dissenter loses half");
        assertEq(enrollments.reputationOf(enrollments.assignedVerifier(id, 4, 3)), 110, "agreeing gains 10");
    }

    /// @dev With a quorum of 100, two confirmations lead one correction by the quorum, as they do by 1,000 once
    /// reputations reach 1,000 with the default quorum: a disagreement still goes to more verifiers.
    function test_a_split_panel_goes_to_more_verifiers_however_far_its_majority_leads() public {
        vm.prank(root);
        enrollments.configure(EnrollmentConfig({quorum: 100, perField: 3, maxFieldsPerVerifier: 2, maxRounds: 2}));
        vmx.roll(200);
        vm.prank(alice);
        id = enrollments.enroll(keccak256("another photo"), fieldsRoot, FIELDS);
        vmx.roll(201);
        enrollments.sealBeacon(id);

        FieldConfirmation[] memory batch = new FieldConfirmation[](3);
        batch[0] = _answer(6, 0, true);
        batch[1] = _answer(6, 1, true);
        batch[2] = _answer(6, 2, false);
        _record(batch);
        assertEq(uint256(enrollments.fieldOutcome(id, 6)), uint256(FieldOutcome.Pending), "200 - 100 reaches the quorum, yet split");
        assertEq(enrollments.roundsOf(id, 6), 2, "second round open");

        batch[0] = _answer(6, 3, true);
        batch[1] = _answer(6, 4, false);
        batch[2] = _answer(6, 5, true);
        _record(batch);
        assertEq(uint256(enrollments.fieldOutcome(id, 6)), uint256(FieldOutcome.Confirmed), "after the last round, 400 - 200 >= 100");
    }

    function test_corrections_that_reach_quorum_reject_the_field() public {
        FieldConfirmation[] memory batch = new FieldConfirmation[](3);
        for (uint8 s; s < 3; ++s) batch[s] = _answer(2, s, false);
        _record(batch);
        assertEq(uint256(enrollments.fieldOutcome(id, 2)), uint256(FieldOutcome.Rejected), "rejected");
        assertEq(enrollments.reputationOf(enrollments.assignedVerifier(id, 2, 0)), 110, "agreeing with a rejection pays");
    }

    function test_a_field_still_split_after_the_last_round_is_rejected() public {
        FieldConfirmation[] memory batch = new FieldConfirmation[](3);
        batch[0] = _answer(1, 0, true);
        batch[1] = _answer(1, 1, true);
        batch[2] = _answer(1, 2, false);
        _record(batch);
        batch[0] = _answer(1, 3, false);
        batch[1] = _answer(1, 4, false);
        batch[2] = _answer(1, 5, true);
        _record(batch);
        assertEq(uint256(enrollments.fieldOutcome(id, 1)), uint256(FieldOutcome.Rejected), "300 - 300, no rounds left");
    }

    function test_refuses_a_slot_of_a_round_not_yet_opened() public {
        FieldConfirmation memory c = _answer(0, 3, true);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentSlotNotOpen.selector, id, 0, 3));
        _record(_one(c));
    }

    function test_refuses_the_same_slot_twice_in_one_batch_or_across_batches() public {
        FieldConfirmation[] memory batch = new FieldConfirmation[](2);
        batch[0] = _answer(0, 0, true);
        batch[1] = batch[0];
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentSlotAnswered.selector, id, 0, 0));
        _record(batch);
        _record(_one(batch[0]));
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentSlotAnswered.selector, id, 0, 0));
        _record(_one(batch[0]));
    }

    function test_refuses_an_answer_for_a_decided_field() public {
        _record(_fullBatch());
        FieldConfirmation memory late = _answer(0, 3, true);
        vm.expectRevert(
            abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentFieldDecided.selector, id, 0, FieldOutcome.Confirmed)
        );
        _record(_one(late));
    }

    function test_refuses_a_correction_without_the_corrected_text() public {
        FieldConfirmation memory c = _answer(0, 0, false);
        c.textHash = 0;
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentCorrectionWithoutText.selector, 0));
        _record(_one(c));
    }

    function test_refuses_an_unknown_field_and_an_empty_batch() public {
        FieldConfirmation memory c = _answer(0, 0, true);
        c.field = FIELDS;
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentFieldUnknown.selector, id, FIELDS));
        _record(_one(c));
        vm.expectRevert(IEnrollmentRegistry.EnrollmentBatchEmpty.selector);
        _record(new FieldConfirmation[](0));
    }

    function test_only_an_issuer_or_government_records_batches() public {
        FieldConfirmation[] memory batch = _fullBatch();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentNotAnIdentityProvider.selector, bob));
        enrollments.recordConfirmations(id, packBatch(batch));
    }

    function test_a_withdrawn_verifier_weighs_nothing() public {
        address v = enrollments.assignedVerifier(id, 0, 0);
        vm.prank(ministry);
        enrollments.withdrawVerifier(v);
        FieldConfirmation[] memory batch = new FieldConfirmation[](2);
        batch[0] = _answer(0, 0, true);
        batch[1] = _answer(0, 1, true);
        _record(batch);
        assertEq(uint256(enrollments.fieldOutcome(id, 0)), uint256(FieldOutcome.Pending), "0 + 100 < 200");
        batch = _one(_answer(0, 2, true));
        _record(batch);
        assertEq(uint256(enrollments.fieldOutcome(id, 0)), uint256(FieldOutcome.Confirmed), "0 + 100 + 100");
        assertEq(enrollments.reputationOf(v), 0, "zero stays zero");
    }

    function test_each_recorded_confirmation_is_provable_alone() public {
        FieldConfirmation[] memory batch = _fullBatch();
        _record(batch);
        bytes32[] memory leaves = _leaves(batch);
        for (uint256 i; i < batch.length; i += 7) {
            (ConfirmationFault fault, address verifier) = enrollments.confirmationFault(
                _commitment(), 0, batch[i], _batchProof(leaves, i), _opening(batch[i].field)
            );
            assertEq(uint256(fault), uint256(ConfirmationFault.None), "no fault");
            assertEq(verifier, enrollments.assignedVerifier(id, batch[i].field, batch[i].slot), "its verifier");
        }
    }

    function test_a_confirmation_not_in_the_batch_is_not_judged() public {
        FieldConfirmation[] memory batch = _fullBatch();
        _record(batch);
        FieldConfirmation memory other = batch[0];
        other.agrees = false;
        other.textHash = keccak256("x");
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentConfirmationNotRecorded.selector, id, 0));
        enrollments.confirmationFault(_commitment(), 0, other, _batchProof(_leaves(batch), 0), _opening(0));
    }
}
