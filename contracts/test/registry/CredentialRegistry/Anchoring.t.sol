// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEntityRegistry} from "../../../src/interfaces/IEntityRegistry.sol";
import {ICredentialRegistry} from "../../../src/interfaces/ICredentialRegistry.sol";
import {
    CertificationLevel,
    Credential,
    CredentialRequest,
    EntityStatus
} from "../../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../../utils/RegistryFixture.sol";

contract AnchoringTest is RegistryFixture {
    bytes32 internal carTitle = _commitment("car title");

    // ---- credentialId ----

    function testFuzz_TheCredentialIdHashesIssuerAndCommitment(address issuer, bytes32 commitment) public view {
        assertEq(registry.credentialId(issuer, commitment), keccak256(abi.encode(issuer, commitment)), "id");
    }

    // ---- anchorCredential ----

    function test_AnchorCredentialReturnsTheCredentialId() public {
        vm.prank(dealer);
        bytes32 uid = registry.anchorCredential(_request(alice, CAR_TITLE, carTitle));
        assertEq(uid, registry.credentialId(dealer, carTitle), "uid");
    }

    function test_AnchorCredentialStoresTheRecord() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, carTitle);
        bytes32 uid = _anchor(dealer, request);
        Credential memory record = registry.credential(uid);
        assertEq(record.subject, alice, "subject");
        assertEq(record.validFrom, request.validFrom, "validFrom");
        assertEq(record.validUntil, request.validUntil, "validUntil");
        assertEq(record.credentialType, CAR_TITLE, "type");
        assertEq(uint256(record.level), uint256(CertificationLevel.Uncertified), "level");
        assertFalse(record.revoked, "revoked");
        assertFalse(record.linked, "linked");
        assertTrue(registry.isCredentialValid(uid), "valid");
    }

    function test_AnchorCredentialEmitsCredentialAnchored() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, carTitle);
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.CredentialAnchored(
            registry.credentialId(dealer, carTitle),
            dealer,
            alice,
            CAR_TITLE,
            carTitle,
            request.validFrom,
            request.validUntil,
            CertificationLevel.Uncertified
        );
        _anchor(dealer, request);
    }

    function test_AnUnknownCredentialHasAnEmptyRecord() public view {
        Credential memory record = registry.credential(keccak256("nothing"));
        assertEq(record.subject, address(0), "subject");
        assertEq(record.validUntil, 0, "validUntil");
        assertEq(record.credentialType, 0, "type");
    }

    function test_AGovernmentAnchorsGovernmentCertified() public {
        bytes32 uid = _anchor(ministry, _request(alice, PASSPORT, _commitment("passport")));
        assertEq(_levelOf(uid), uint256(CertificationLevel.GovernmentCertified), "level");
    }

    function test_AnAccreditedIssuerAnchorsAccredited() public {
        _accredit(ministry, dealer, CAR_TITLE);
        bytes32 uid = _anchor(dealer, _request(alice, CAR_TITLE, carTitle));
        assertEq(_levelOf(uid), uint256(CertificationLevel.Accredited), "level");
    }

    function test_AnUnaccreditedIssuerAnchorsUncertified() public {
        bytes32 uid = _anchor(university, _request(alice, CAR_TITLE, carTitle));
        assertEq(_levelOf(uid), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_TwoIssuersMayAnchorTheSameCommitment() public {
        bytes32 first = _anchor(dealer, _request(alice, CAR_TITLE, carTitle));
        bytes32 second = _anchor(university, _request(alice, CAR_TITLE, carTitle));
        assertNotEq(first, second, "ids");
    }

    function test_ACredentialMayStartInTheFuture() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, carTitle);
        request.validFrom = START + 1 days;
        bytes32 uid = _anchor(dealer, request);
        assertFalse(registry.isCredentialValid(uid), "valid before validFrom");
    }

    function test_ACredentialMayHaveStartedInThePast() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, carTitle);
        request.validFrom = START - 365 days;
        bytes32 uid = _anchor(dealer, request);
        assertTrue(registry.isCredentialValid(uid), "valid");
    }

    // ---- who may anchor ----

    function testFuzz_RevertWhen_AnUnregisteredAccountAnchors(address caller) public {
        vm.assume(!registry.exists(caller));
        vm.assume(caller != registry.holderRegistry()); // its calls carry their signer appended
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, caller));
        _anchor(caller, _request(alice, CAR_TITLE, carTitle));
        assertEq(_stateDigest(), before, "state changed");
        assertEq(registry.credential(registry.credentialId(caller, carTitle)).subject, address(0), "anchored");
    }

    function test_RevertWhen_ASuspendedIssuerAnchors() public {
        _suspend(ministry, university);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, university, EntityStatus.Suspended)
        );
        _anchor(university, _request(alice, CAR_TITLE, carTitle));
    }

    function test_RevertWhen_ARevokedIssuerAnchors() public {
        _revoke(ministry, university);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, university, EntityStatus.Revoked)
        );
        _anchor(university, _request(alice, CAR_TITLE, carTitle));
    }

    function test_RevertWhen_APersonAnchors() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotAnIssuer.selector, bob));
        _anchor(bob, _request(alice, CAR_TITLE, carTitle));
    }

    function test_RevertWhen_AnAdminAnchors() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotAnIssuer.selector, admin));
        _anchor(admin, _request(alice, CAR_TITLE, carTitle));
    }

    function testFuzz_RevertWhen_ANonGovernmentAnchorsAGovernmentOnlyType(uint8 callerSeed, bool passport) public {
        address[2] memory issuers = [university, dealer];
        address caller = issuers[_bound(callerSeed, 0, 1)];
        uint8 credentialType = passport ? PASSPORT : BIRTH_CERTIFICATE;
        bytes32 before = _stateDigest();
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialIssuerNotEntitled.selector, caller, credentialType)
        );
        _anchor(caller, _request(alice, credentialType, _commitment("government only")));
        assertEq(_stateDigest(), before, "state changed");
    }

    // ---- request validation ----

    function test_RevertWhen_TheTypeIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeUnknown.selector, 0));
        _anchor(dealer, _request(alice, 0, carTitle));
    }

    function test_RevertWhen_TheTypeIsUndefined() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeUnknown.selector, 5));
        _anchor(dealer, _request(alice, 5, carTitle));
    }

    function test_RevertWhen_TheCommitmentIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialEmptyCommitment.selector));
        _anchor(dealer, _request(alice, CAR_TITLE, bytes32(0)));
    }

    function test_RevertWhen_TheWindowIsEmpty() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, carTitle);
        request.validUntil = request.validFrom;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialInvalidWindow.selector, request.validFrom, request.validUntil
            )
        );
        _anchor(dealer, request);
    }

    function test_RevertWhen_TheWindowEndsBeforeItStarts() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, carTitle);
        request.validFrom = START + 2 days;
        request.validUntil = START + 1 days;
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialInvalidWindow.selector, START + 2 days, START + 1 days)
        );
        _anchor(dealer, request);
    }

    function test_RevertWhen_TheWindowEndsNow() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, carTitle);
        request.validFrom = START - 1 days;
        request.validUntil = START;
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialInvalidWindow.selector, START - 1 days, START)
        );
        _anchor(dealer, request);
    }

    function test_RevertWhen_TheWindowIsAlreadyOver() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, carTitle);
        request.validFrom = START - 2 days;
        request.validUntil = START - 1 days;
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialInvalidWindow.selector, START - 2 days, START - 1 days)
        );
        _anchor(dealer, request);
    }

    function test_AWindowEndingOneSecondFromNowIsAccepted() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, carTitle);
        request.validFrom = START - 1 days;
        request.validUntil = START + 1;
        bytes32 uid = _anchor(dealer, request);
        assertTrue(registry.isCredentialValid(uid), "valid");
    }

    function test_RevertWhen_TheSubjectIsUnregistered() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
        _anchor(dealer, _request(stranger, CAR_TITLE, carTitle));
    }

    function test_RevertWhen_TheSubjectIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, address(0)));
        _anchor(dealer, _request(address(0), CAR_TITLE, carTitle));
    }

    function test_RevertWhen_TheSubjectIsSuspended() public {
        _suspend(admin, alice);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, alice, EntityStatus.Suspended));
        _anchor(dealer, _request(alice, CAR_TITLE, carTitle));
    }

    function test_RevertWhen_TheSubjectIsRevoked() public {
        _revoke(admin, alice);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, alice, EntityStatus.Revoked));
        _anchor(dealer, _request(alice, CAR_TITLE, carTitle));
    }

    function test_RevertWhen_TheSameIssuerAnchorsTheSameCommitmentTwice() public {
        bytes32 uid = _anchor(dealer, _request(alice, CAR_TITLE, carTitle));
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialAlreadyAnchored.selector, uid));
        _anchor(dealer, _request(bob, CAR_TITLE, carTitle));
    }

    function test_RevertWhen_ARevokedCredentialIsAnchoredAgain() public {
        bytes32 uid = _anchor(dealer, _request(alice, CAR_TITLE, carTitle));
        vm.prank(dealer);
        registry.revokeCredential(carTitle);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialAlreadyAnchored.selector, uid));
        _anchor(dealer, _request(alice, CAR_TITLE, carTitle));
    }

    // ---- derived credentials (sourceType) ----

    function test_ACurriculumDerivesFromTheSubjectsBirthCertificate() public {
        bytes32 birth = _anchorBirthCertificate(alice);
        bytes32 uid = _anchorCurriculum(alice, birth);
        assertEq(registry.credential(uid).subject, alice, "subject");
    }

    function test_ADerivedCredentialEmitsCredentialDerived() public {
        bytes32 birth = _anchorBirthCertificate(alice);
        bytes32 curriculum = _commitment("curriculum");
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.CredentialDerived(registry.credentialId(university, curriculum), birth);
        _anchor(university, _derivedRequest(alice, SCHOLAR_CURRICULUM, curriculum, birth));
    }

    function test_RevertWhen_ACurriculumHasNoSource() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialInvalidSource.selector, bytes32(0), BIRTH_CERTIFICATE, alice
            )
        );
        _anchor(university, _request(alice, SCHOLAR_CURRICULUM, _commitment("curriculum")));
    }

    function test_RevertWhen_ACurriculumDerivesFromAnotherPersonsBirthCertificate() public {
        bytes32 bobsBirth = _anchorBirthCertificate(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialInvalidSource.selector, bobsBirth, BIRTH_CERTIFICATE, alice
            )
        );
        _anchorCurriculum(alice, bobsBirth);
    }

    function test_RevertWhen_ACurriculumDerivesFromARevokedBirthCertificate() public {
        bytes32 birth = _anchorBirthCertificate(alice);
        vm.prank(ministry);
        registry.revokeCredential(_commitment(string.concat("birth of ", vm.toString(alice))));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialInvalidSource.selector, birth, BIRTH_CERTIFICATE, alice
            )
        );
        _anchorCurriculum(alice, birth);
    }

    function test_RevertWhen_ACurriculumDerivesFromAnExpiredBirthCertificate() public {
        bytes32 birth = _anchorBirthCertificate(alice);
        vm.warp(START + VALIDITY);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialInvalidSource.selector, birth, BIRTH_CERTIFICATE, alice
            )
        );
        _anchorCurriculum(alice, birth);
    }

    function test_RevertWhen_ACurriculumDerivesFromABirthCertificateNotYetValid() public {
        CredentialRequest memory request = _request(alice, BIRTH_CERTIFICATE, _commitment("future birth"));
        request.validFrom = START + 1 days;
        bytes32 birth = _anchor(ministry, request);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialInvalidSource.selector, birth, BIRTH_CERTIFICATE, alice
            )
        );
        _anchorCurriculum(alice, birth);
    }

    function test_RevertWhen_ACurriculumDerivesFromAPassport() public {
        bytes32 passport = _anchor(ministry, _request(alice, PASSPORT, _commitment("passport")));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialInvalidSource.selector, passport, BIRTH_CERTIFICATE, alice
            )
        );
        _anchorCurriculum(alice, passport);
    }

    function test_RevertWhen_ACurriculumDerivesFromAnUnknownCredential() public {
        bytes32 unknown = keccak256("unknown");
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialInvalidSource.selector, unknown, BIRTH_CERTIFICATE, alice
            )
        );
        _anchorCurriculum(alice, unknown);
    }

    function test_ACredentialWithoutASourceTypeMayNameAnySourceOfTheSubject() public {
        bytes32 passport = _anchor(ministry, _request(alice, PASSPORT, _commitment("passport")));
        bytes32 uid = _anchor(dealer, _derivedRequest(alice, CAR_TITLE, carTitle, passport));
        assertEq(registry.credential(uid).subject, alice, "subject");
    }

    function test_RevertWhen_ACredentialWithoutASourceTypeNamesAnotherSubjectsSource() public {
        bytes32 passport = _anchor(ministry, _request(bob, PASSPORT, _commitment("passport")));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialInvalidSource.selector, passport, uint8(0), alice)
        );
        _anchor(dealer, _derivedRequest(alice, CAR_TITLE, carTitle, passport));
    }
}
