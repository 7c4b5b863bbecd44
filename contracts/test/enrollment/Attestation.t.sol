// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {
    ConfirmationFault,
    EnrollmentStatus,
    FieldConfirmation,
    FieldOutcome,
    IEnrollmentRegistry
} from "../../src/interfaces/IEnrollmentRegistry.sol";
import {CredentialRequest, CredentialTypeRules} from "../../src/interfaces/IdentityTypes.sol";
import {EnrollmentFixture, packBatch} from "./EnrollmentFixture.sol";

/// @notice Single confirmations checked on the spot, challenges of batched ones, and the attestation.
contract AttestationTest is EnrollmentFixture {
    bytes32 internal constant CREDENTIAL = keccak256("alice's residence card attributes");

    function test_a_single_confirmation_by_the_assigned_verifier_counts() public {
        FieldConfirmation memory c = _answer(3, 0, true);
        enrollments.confirmField(_commitment(), c, _opening(3));
        assertEq(enrollments.reputationOf(enrollments.assignedVerifier(id, 3, 0)), 100, "paid only once decided");
        assertNotEq(enrollments.batchRoot(id, 0), bytes32(0), "recorded as a batch of one");
    }

    function test_refuses_a_confirmation_signed_by_a_verifier_not_assigned_to_that_field() public {
        address assigned = enrollments.assignedVerifier(id, 3, 0);
        address other = enrollments.assignedVerifier(id, 4, 0);
        assertTrue(other != assigned, "another field's verifier");
        FieldConfirmation memory c = _signedBy(keyOf[other], other, 3, 0, true, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentVerifierNotAssigned.selector, id, 3, 0, assigned)
        );
        enrollments.confirmField(_commitment(), c, _opening(3));
    }

    function test_refuses_a_confirmation_signed_for_another_text() public {
        address v = enrollments.assignedVerifier(id, 3, 0);
        // A correction signed for one text, submitted as a correction to another.
        FieldConfirmation memory c = _signedBy(keyOf[v], v, 3, 0, false, keccak256("Ana"));
        c.textHash = keccak256("Anna");
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentVerifierNotAssigned.selector, id, 3, 0, v));
        enrollments.confirmField(_commitment(), c, _opening(3));
    }

    function test_refuses_field_data_outside_the_commitment() public {
        FieldConfirmation memory c = _answer(3, 0, true);
        c.field = 2;
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentFieldNotCommitted.selector, id, 2));
        enrollments.confirmField(_commitment(), c, _opening(3));
    }

    function test_refuses_a_single_confirmation_from_a_suspended_verifier() public {
        address v = enrollments.assignedVerifier(id, 3, 0);
        _suspend(admin, v);
        FieldConfirmation memory c = _answer(3, 0, true);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentVerifierInactive.selector, v));
        enrollments.confirmField(_commitment(), c, _opening(3));
    }

    function test_a_forged_confirmation_in_a_batch_is_shown_and_disputes_the_enrollment() public {
        FieldConfirmation[] memory batch = _fullBatch();
        address other = enrollments.assignedVerifier(id, 9, 0);
        batch[0] = _signedBy(keyOf[other], other, 0, 0, true, 0);
        _record(batch);
        bytes32[] memory proof = _batchProof(_leaves(batch), 0);
        (ConfirmationFault fault,) = enrollments.confirmationFault(_commitment(), 0, batch[0], proof, _opening(0));
        assertEq(uint256(fault), uint256(ConfirmationFault.SignatureNotByAssignedVerifier), "fault");
        vm.prank(stranger);
        enrollments.challengeConfirmation(_commitment(), 0, batch[0], proof, _opening(0));
        assertEq(uint256(enrollments.enrollment(id).status), uint256(EnrollmentStatus.Disputed), "disputed");
        _anchorEnrollmentCredential(CREDENTIAL);
        vm.prank(ministry);
        vm.expectRevert(
            abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentNotOpen.selector, id, EnrollmentStatus.Disputed)
        );
        enrollments.attest(_commitment(), CREDENTIAL);
    }

    function test_an_unfounded_challenge_fails() public {
        FieldConfirmation[] memory batch = _fullBatch();
        _record(batch);
        bytes32[] memory proof = _batchProof(_leaves(batch), 5);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentChallengeUnfounded.selector, id, 0));
        enrollments.challengeConfirmation(_commitment(), 0, batch[5], proof, _opening(batch[5].field));
    }

    function test_the_identity_provider_attests_a_confirmed_enrollment_with_its_credential() public {
        _record(_fullBatch());
        _anchorEnrollmentCredential(CREDENTIAL);
        bytes32 uid = keccak256(abi.encode(ministry, CREDENTIAL));
        vm.expectEmit(true, true, true, true, address(enrollments));
        emit IEnrollmentRegistry.EnrollmentAttested(id, uid, ministry);
        vm.prank(ministry);
        assertEq(enrollments.attest(_commitment(), CREDENTIAL), uid, "credential id");
        assertEq(uint256(enrollments.enrollment(id).status), uint256(EnrollmentStatus.Attested), "attested");
        FieldConfirmation[] memory late = _one(_answer(0, 3, true));
        vm.prank(university);
        vm.expectRevert(
            abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentNotOpen.selector, id, EnrollmentStatus.Attested)
        );
        enrollments.recordConfirmations(id, packBatch(late));
    }

    function test_refuses_to_attest_before_every_field_is_confirmed() public {
        FieldConfirmation[] memory batch = _fullBatch();
        FieldConfirmation[] memory most = new FieldConfirmation[](27);
        for (uint256 i; i < 27; ++i) most[i] = batch[i];
        _record(most);
        _anchorEnrollmentCredential(CREDENTIAL);
        vm.prank(ministry);
        vm.expectRevert(
            abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentFieldNotConfirmed.selector, id, 9, FieldOutcome.Pending)
        );
        enrollments.attest(_commitment(), CREDENTIAL);
    }

    function test_refuses_a_credential_of_someone_else_or_an_uncertified_one() public {
        _record(_fullBatch());
        _anchorEnrollmentCredential(CREDENTIAL);
        bytes32 bobs = keccak256("bob's");
        vm.prank(ministry);
        registry.anchorCredential(
            CredentialRequest({
                subject: bob,
                credentialType: PASSPORT,
                validFrom: START,
                validUntil: START + VALIDITY,
                commitment: bobs,
                source: 0
            })
        );
        vm.prank(ministry);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEnrollmentRegistry.EnrollmentCredentialInvalid.selector, keccak256(abi.encode(ministry, bobs)), alice
            )
        );
        enrollments.attest(_commitment(), bobs);
        // An issuer accredited for nothing anchors an uncertified credential of its own type.
        vm.prank(root);
        uint8 pet = registry.defineCredentialType("PetLicence", CredentialTypeRules(false, false, false, false, 0));
        vm.prank(university);
        registry.anchorCredential(
            CredentialRequest({
                subject: alice,
                credentialType: pet,
                validFrom: START,
                validUntil: START + VALIDITY,
                commitment: CREDENTIAL,
                source: 0
            })
        );
        vm.prank(university);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEnrollmentRegistry.EnrollmentCredentialInvalid.selector, keccak256(abi.encode(university, CREDENTIAL)), alice
            )
        );
        enrollments.attest(_commitment(), CREDENTIAL);
        vm.prank(dealer); // never anchored anything
        vm.expectRevert(
            abi.encodeWithSelector(
                IEnrollmentRegistry.EnrollmentCredentialInvalid.selector, keccak256(abi.encode(dealer, CREDENTIAL)), alice
            )
        );
        enrollments.attest(_commitment(), CREDENTIAL);
    }
}
