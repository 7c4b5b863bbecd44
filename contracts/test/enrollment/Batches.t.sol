// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {
    ConfirmationFault,
    EnrollmentStatus,
    FieldConfirmation,
    FieldOutcome,
    IEnrollmentRegistry
} from "../../src/interfaces/IEnrollmentRegistry.sol";
import {EnrollmentFixture, packBatch} from "./EnrollmentFixture.sol";

/// @notice The packed batch format and the last batch recorded with the attestation in one transaction.
contract BatchesTest is EnrollmentFixture {
    bytes32 internal constant CREDENTIAL = keccak256("alice's residence card attributes");

    function test_the_last_batch_and_the_attestation_go_in_one_transaction() public {
        _anchorEnrollmentCredential(CREDENTIAL);
        FieldConfirmation[] memory batch = _fullBatch();
        vm.expectEmit(true, true, true, true, address(enrollments));
        emit IEnrollmentRegistry.EnrollmentAttested(id, keccak256(abi.encode(ministry, CREDENTIAL)), ministry);
        vm.prank(ministry);
        (uint16 index, bytes32 credential) = enrollments.recordAndAttest(_commitment(), packBatch(batch), CREDENTIAL);
        assertEq(index, 0, "first batch");
        assertEq(credential, keccak256(abi.encode(ministry, CREDENTIAL)), "credential");
        assertEq(uint256(enrollments.enrollment(id).status), uint256(EnrollmentStatus.Attested), "attested");
        // Still provable one by one against the root kept for the batch.
        (ConfirmationFault fault,) =
            enrollments.confirmationFault(_commitment(), 0, batch[17], _batchProof(_leaves(batch), 17), _opening(batch[17].field));
        assertEq(uint256(fault), uint256(ConfirmationFault.None), "no fault");
    }

    function test_an_undecided_field_reverts_the_batch_with_the_attestation() public {
        _anchorEnrollmentCredential(CREDENTIAL);
        FieldConfirmation[] memory most = new FieldConfirmation[](27);
        FieldConfirmation[] memory batch = _fullBatch();
        for (uint256 i; i < 27; ++i) most[i] = batch[i];
        vm.prank(ministry);
        vm.expectRevert(
            abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentFieldNotConfirmed.selector, id, 9, FieldOutcome.Pending)
        );
        enrollments.recordAndAttest(_commitment(), packBatch(most), CREDENTIAL);
        assertEq(enrollments.enrollment(id).batches, 0, "nothing recorded");
        assertEq(uint256(enrollments.fieldOutcome(id, 0)), uint256(FieldOutcome.Pending), "nothing decided");
    }

    function test_only_an_identity_provider_records_and_attests() public {
        bytes memory packed = packBatch(_fullBatch());
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentNotAnIdentityProvider.selector, alice));
        enrollments.recordAndAttest(_commitment(), packed, CREDENTIAL);
    }

    function test_a_correction_packs_its_text_hash_and_stays_provable() public {
        FieldConfirmation[] memory batch = new FieldConfirmation[](2);
        batch[0] = _answer(4, 0, false);
        batch[1] = _answer(4, 1, true);
        bytes memory packed = packBatch(batch);
        assertEq(packed.length, 99 + 67, "a correction is 99 bytes, a confirmation 67");
        _record(batch);
        (ConfirmationFault fault,) =
            enrollments.confirmationFault(_commitment(), 0, batch[0], _batchProof(_leaves(batch), 0), _opening(4));
        assertEq(uint256(fault), uint256(ConfirmationFault.None), "the correction is provable");
    }

    function test_refuses_a_cut_short_or_malformed_batch() public {
        FieldConfirmation[] memory batch = _fullBatch();
        bytes memory packed = packBatch(batch);
        bytes memory short = new bytes(packed.length - 1);
        for (uint256 i; i < short.length; ++i) short[i] = packed[i];
        vm.prank(university);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentBatchMalformed.selector, 29));
        enrollments.recordConfirmations(id, short);
        packed[67 * 3 + 2] = bytes1(uint8(2)); // answer 3's agrees byte
        vm.prank(university);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentBatchMalformed.selector, 3));
        enrollments.recordConfirmations(id, packed);
        vm.prank(university);
        vm.expectRevert(IEnrollmentRegistry.EnrollmentBatchEmpty.selector);
        enrollments.recordConfirmations(id, new bytes(66));
    }

    function test_a_batch_split_across_transactions_decides_as_one_would() public {
        FieldConfirmation[] memory batch = _fullBatch();
        FieldConfirmation[] memory first = new FieldConfirmation[](1);
        FieldConfirmation[] memory rest = new FieldConfirmation[](29);
        first[0] = batch[0];
        for (uint256 i = 1; i < 30; ++i) rest[i - 1] = batch[i];
        _record(first);
        assertEq(uint256(enrollments.fieldOutcome(id, 0)), uint256(FieldOutcome.Pending), "one answer decides nothing");
        _record(rest);
        for (uint8 f; f < FIELDS; ++f) {
            assertEq(uint256(enrollments.fieldOutcome(id, f)), uint256(FieldOutcome.Confirmed), "confirmed");
        }
        // The answer before the stored tally cannot be sent again.
        vm.prank(university);
        vm.expectRevert(
            abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentFieldDecided.selector, id, 0, FieldOutcome.Confirmed)
        );
        enrollments.recordConfirmations(id, packBatch(first));
    }
}
