// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEntityRegistry} from "../../../src/interfaces/IEntityRegistry.sol";
import {ICredentialRegistry} from "../../../src/interfaces/ICredentialRegistry.sol";
import {CertificationLevel, EntityKind, EntityStatus} from "../../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../../utils/RegistryFixture.sol";

contract AccreditationTest is RegistryFixture {
    /// @dev A government beside the ministry, registered by root.
    address internal senate = _actor("senate");

    function setUp() public override {
        super.setUp();
        _register(root, senate, EntityKind.Government);
    }

    function _level(address issuer, uint8 credentialType) internal view returns (uint256) {
        return uint256(registry.certificationLevelOf(issuer, credentialType));
    }

    /// @dev Root anchors, so the birth certificate does not depend on the ministry's standing.
    function _anchorBirthCertificateByRoot(address subject) internal returns (bytes32) {
        return _anchor(root, _request(subject, BIRTH_CERTIFICATE, _commitment("birth by root")));
    }

    // ---- accreditIssuer ----

    function test_AGovernmentAccreditsAnIssuer() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        assertEq(registry.accreditationOf(university, SCHOLAR_CURRICULUM), ministry, "accreditation");
    }

    function test_AccreditIssuerEmitsIssuerAccredited() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.IssuerAccredited(university, SCHOLAR_CURRICULUM, ministry);
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
    }

    function test_AGovernmentAccreditsAnOrganization() public {
        _accredit(ministry, dealer, CAR_TITLE);
        assertEq(registry.accreditationOf(dealer, CAR_TITLE), ministry, "accreditation");
    }

    function test_RootAccreditsAnIssuer() public {
        _accredit(root, university, SCHOLAR_CURRICULUM);
        assertEq(registry.accreditationOf(university, SCHOLAR_CURRICULUM), root, "accreditation");
    }

    function test_AnAccreditationIsPerType() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        assertEq(registry.accreditationOf(university, CAR_TITLE), address(0), "car title accreditation");
        assertEq(_level(university, CAR_TITLE), uint256(CertificationLevel.Uncertified), "car title level");
    }

    function test_ALaterAccreditationReplacesTheAccreditor() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        _accredit(senate, university, SCHOLAR_CURRICULUM);
        assertEq(registry.accreditationOf(university, SCHOLAR_CURRICULUM), senate, "accreditation");
    }

    function testFuzz_RevertWhen_AnUnregisteredAccountAccredits(address caller) public {
        vm.assume(!registry.exists(caller));
        vm.assume(caller != registry.holderRegistry()); // its calls carry their signer appended
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialAccreditorNotGovernment.selector, caller));
        _accredit(caller, university, SCHOLAR_CURRICULUM);
        assertEq(_stateDigest(), before, "state changed");
    }

    function testFuzz_RevertWhen_AnEntityThatIsNotAGovernmentAccredits(uint8 callerSeed) public {
        address[4] memory notGovernments = [admin, university, alice, dealer];
        address caller = notGovernments[_bound(callerSeed, 0, 3)];
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialAccreditorNotGovernment.selector, caller));
        _accredit(caller, university, SCHOLAR_CURRICULUM);
        assertEq(_stateDigest(), before, "state changed");
    }

    function test_RevertWhen_ASuspendedGovernmentAccredits() public {
        _suspend(root, ministry);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialAccreditorNotGovernment.selector, ministry)
        );
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
    }

    function test_RevertWhen_ARevokedGovernmentAccredits() public {
        _revoke(root, ministry);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialAccreditorNotGovernment.selector, ministry)
        );
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
    }

    function test_RevertWhen_AccreditingForAnUnknownType() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeUnknown.selector, 5));
        _accredit(ministry, university, 5);
    }

    function test_RevertWhen_AccreditingAPerson() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotAnIssuer.selector, alice));
        _accredit(ministry, alice, SCHOLAR_CURRICULUM);
    }

    function test_RevertWhen_AccreditingAnAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotAnIssuer.selector, admin));
        _accredit(ministry, admin, SCHOLAR_CURRICULUM);
    }

    function test_RevertWhen_AccreditingAnUnregisteredAccount() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotAnIssuer.selector, stranger));
        _accredit(ministry, stranger, SCHOLAR_CURRICULUM);
    }

    function test_RevertWhen_AccreditingASuspendedIssuer() public {
        _suspend(ministry, university);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotAnIssuer.selector, university));
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
    }

    // ---- revokeAccreditation ----

    function test_TheAccreditingGovernmentRevokesItsAccreditation() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        vm.prank(ministry);
        registry.revokeAccreditation(university, SCHOLAR_CURRICULUM);
        assertEq(registry.accreditationOf(university, SCHOLAR_CURRICULUM), address(0), "accreditation");
        assertEq(_level(university, SCHOLAR_CURRICULUM), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_RevokeAccreditationEmitsIssuerAccreditationRevoked() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.IssuerAccreditationRevoked(university, SCHOLAR_CURRICULUM, root);
        vm.prank(root);
        registry.revokeAccreditation(university, SCHOLAR_CURRICULUM);
    }

    function test_RootRevokesAnyAccreditation() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        vm.prank(root);
        registry.revokeAccreditation(university, SCHOLAR_CURRICULUM);
        assertEq(registry.accreditationOf(university, SCHOLAR_CURRICULUM), address(0), "accreditation");
    }

    function test_ASuspendedAccreditorStillWithdrawsItsAccreditation() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        _suspend(root, ministry);
        vm.prank(ministry);
        registry.revokeAccreditation(university, SCHOLAR_CURRICULUM);
        assertEq(registry.accreditationOf(university, SCHOLAR_CURRICULUM), address(0), "accreditation");
    }

    function test_RevertWhen_AnotherGovernmentRevokesTheAccreditation() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialAccreditationNotOwned.selector, senate, university, SCHOLAR_CURRICULUM
            )
        );
        vm.prank(senate);
        registry.revokeAccreditation(university, SCHOLAR_CURRICULUM);
    }

    function test_RevertWhen_TheReplacedAccreditorRevokes() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        _accredit(senate, university, SCHOLAR_CURRICULUM);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialAccreditationNotOwned.selector, ministry, university, SCHOLAR_CURRICULUM
            )
        );
        vm.prank(ministry);
        registry.revokeAccreditation(university, SCHOLAR_CURRICULUM);
    }

    function test_RevertWhen_RevokingAnAccreditationThatDoesNotExist() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialAccreditationNotOwned.selector, root, university, SCHOLAR_CURRICULUM
            )
        );
        vm.prank(root);
        registry.revokeAccreditation(university, SCHOLAR_CURRICULUM);
    }

    function testFuzz_RevertWhen_SomeoneElseRevokesAnAccreditation(address caller) public {
        vm.assume(caller != ministry && caller != root);
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        bytes32 before = _stateDigest();
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialAccreditationNotOwned.selector, caller, university, SCHOLAR_CURRICULUM
            )
        );
        vm.prank(caller);
        registry.revokeAccreditation(university, SCHOLAR_CURRICULUM);
        assertEq(_stateDigest(), before, "state changed");
    }

    // ---- certificationLevelOf ----

    function test_AnActiveGovernmentIsGovernmentCertifiedForEveryType() public view {
        for (uint8 t = 1; t <= DEFAULT_TYPE_COUNT; ++t) {
            assertEq(_level(ministry, t), uint256(CertificationLevel.GovernmentCertified), "ministry level");
        }
    }

    function test_AnUnaccreditedIssuerIsUncertified() public view {
        assertEq(_level(university, SCHOLAR_CURRICULUM), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_AnAccreditedIssuerIsAccredited() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        assertEq(_level(university, SCHOLAR_CURRICULUM), uint256(CertificationLevel.Accredited), "level");
    }

    function test_TheLevelFallsToUncertifiedWhenTheAccreditingGovernmentIsSuspended() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        _suspend(root, ministry);
        assertEq(_level(university, SCHOLAR_CURRICULUM), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_TheLevelReturnsWhenTheAccreditingGovernmentIsReinstated() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        _suspend(root, ministry);
        vm.prank(root);
        registry.reinstateEntity(ministry);
        assertEq(_level(university, SCHOLAR_CURRICULUM), uint256(CertificationLevel.Accredited), "level");
    }

    function test_TheLevelFallsToUncertifiedWhenTheAccreditingGovernmentIsRevoked() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        _revoke(root, ministry);
        assertEq(_level(university, SCHOLAR_CURRICULUM), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_ASuspendedAccreditedIssuerIsUncertified() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        _suspend(ministry, university);
        assertEq(_level(university, SCHOLAR_CURRICULUM), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_ASuspendedGovernmentIsUncertified() public {
        _suspend(root, ministry);
        assertEq(_level(ministry, PASSPORT), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_AnUnregisteredAccountIsUncertified() public view {
        assertEq(_level(stranger, SCHOLAR_CURRICULUM), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_AnAccreditedIssuerStillCannotAnchorAGovernmentOnlyType() public {
        _accredit(ministry, university, PASSPORT);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialIssuerNotEntitled.selector, university, PASSPORT)
        );
        _anchor(university, _request(alice, PASSPORT, _commitment("passport")));
    }

    function test_AnIssuerAnchorsUncertifiedAfterItsAccreditorIsSuspended() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        _suspend(root, ministry);
        bytes32 uid = _anchorCurriculum(alice, _anchorBirthCertificateByRoot(alice));
        assertEq(_levelOf(uid), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_ACredentialKeepsItsLevelAfterTheAccreditationIsRevoked() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        bytes32 uid = _anchorCurriculum(alice, _anchorBirthCertificate(alice));
        vm.prank(ministry);
        registry.revokeAccreditation(university, SCHOLAR_CURRICULUM);
        assertEq(_levelOf(uid), uint256(CertificationLevel.Accredited), "level at issuance");
    }

    function test_RevertWhen_ASuspendedAccreditedIssuerAnchors() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        bytes32 birth = _anchorBirthCertificate(alice);
        _suspend(ministry, university);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, university, EntityStatus.Suspended)
        );
        _anchorCurriculum(alice, birth);
    }
}
