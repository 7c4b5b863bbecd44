// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEntityRegistry} from "../../../src/interfaces/IEntityRegistry.sol";
import {ICredentialRegistry} from "../../../src/interfaces/ICredentialRegistry.sol";
import {
    CertificationLevel,
    CredentialRequest,
    CredentialTypeRules,
    EntityKind
} from "../../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../../utils/RegistryFixture.sol";

/// @notice anchorBirthCertificate: a government anchors a birth and links the parents.
contract BirthCertificatesTest is RegistryFixture {
    address internal baby = _actor("baby");
    bytes32 internal birth = _commitment("birth of baby");

    function setUp() public override {
        super.setUp();
        _register(admin, baby, EntityKind.Person);
    }

    function _birthRequest() internal view returns (CredentialRequest memory) {
        return _request(baby, BIRTH_CERTIFICATE, birth);
    }

    function _anchorBirth(address government, address father, address mother) internal returns (bytes32 uid) {
        CredentialRequest memory request = _birthRequest();
        vm.prank(government);
        uid = registry.anchorBirthCertificate(request, father, mother);
        _track(uid);
    }

    function _expectInvalidParent(address parent) internal {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialInvalidParent.selector, parent, baby));
    }

    // ---- success ----

    function test_AGovernmentAnchorsABirthCertificateWithBothParents() public {
        bytes32 uid = _anchorBirth(ministry, bob, alice);
        assertEq(uid, registry.credentialId(ministry, birth), "uid");
        assertEq(registry.credential(uid).subject, baby, "subject");
        assertEq(_levelOf(uid), uint256(CertificationLevel.GovernmentCertified), "level");
    }

    function test_AnchorBirthCertificateEmitsCredentialAnchoredThenParentsLinked() public {
        CredentialRequest memory request = _birthRequest();
        bytes32 uid = registry.credentialId(ministry, birth);
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.CredentialAnchored(
            uid,
            ministry,
            baby,
            BIRTH_CERTIFICATE,
            birth,
            request.validFrom,
            request.validUntil,
            CertificationLevel.GovernmentCertified
        );
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.ParentsLinked(uid, bob, alice);
        _anchorBirth(ministry, bob, alice);
    }

    function test_UnknownParentsAreLinkedAsZero() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.ParentsLinked(registry.credentialId(ministry, birth), address(0), address(0));
        _anchorBirth(ministry, address(0), address(0));
    }

    function test_OneParentMayBeUnknown() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.ParentsLinked(registry.credentialId(ministry, birth), address(0), alice);
        _anchorBirth(ministry, address(0), alice);
    }

    function test_ARevokedPersonMayStillBeLinkedAsAParent() public {
        // A parent who died before the birth was registered keeps a (revoked) identity.
        _revoke(admin, bob);
        bytes32 uid = _anchorBirth(ministry, bob, alice);
        assertTrue(registry.isCredentialValid(uid), "valid");
    }

    function test_RootAnchorsABirthCertificate() public {
        bytes32 uid = _anchorBirth(root, bob, alice);
        assertEq(registry.credential(uid).subject, baby, "subject");
    }

    function test_ATypeDefinedWithParentLinksAcceptsParents() public {
        vm.prank(root);
        uint8 adoption = registry.defineCredentialType("Adoption", CredentialTypeRules(false, false, true, false, 0));
        CredentialRequest memory request = _request(baby, adoption, _commitment("adoption"));
        vm.prank(ministry);
        bytes32 uid = registry.anchorBirthCertificate(request, bob, alice);
        assertEq(registry.credential(uid).credentialType, adoption, "type");
    }

    // ---- who may link parents ----

    function test_RevertWhen_AnIssuerLinksParents() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialIssuerNotEntitled.selector, university, BIRTH_CERTIFICATE
            )
        );
        _anchorBirth(university, bob, alice);
    }

    function test_RevertWhen_AnIssuerLinksParentsForATypeItMayOtherwiseAnchor() public {
        vm.prank(root);
        uint8 adoption = registry.defineCredentialType("Adoption", CredentialTypeRules(false, false, true, false, 0));
        CredentialRequest memory request = _request(baby, adoption, _commitment("adoption"));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialIssuerNotEntitled.selector, university, adoption)
        );
        vm.prank(university);
        registry.anchorBirthCertificate(request, bob, alice);
    }

    function test_RevertWhen_ASuspendedGovernmentLinksParents() public {
        _suspend(root, ministry);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialIssuerNotEntitled.selector, ministry, BIRTH_CERTIFICATE
            )
        );
        _anchorBirth(ministry, bob, alice);
    }

    function testFuzz_RevertWhen_AnyoneButAnActiveGovernmentLinksParents(address caller) public {
        vm.assume(caller != root && caller != ministry);
        CredentialRequest memory request = _birthRequest();
        bytes32 before = _stateDigest();
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialIssuerNotEntitled.selector, caller, BIRTH_CERTIFICATE)
        );
        vm.prank(caller);
        registry.anchorBirthCertificate(request, bob, alice);
        assertEq(_stateDigest(), before, "state changed");
    }

    // ---- which types take parents ----

    function test_RevertWhen_LinkingParentsToAPassport() public {
        CredentialRequest memory request = _request(baby, PASSPORT, _commitment("passport"));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialOperationNotSupported.selector, bytes32(0), PASSPORT)
        );
        vm.prank(ministry);
        registry.anchorBirthCertificate(request, bob, alice);
    }

    function test_RevertWhen_LinkingParentsToAnUnknownType() public {
        CredentialRequest memory request = _request(baby, 9, _commitment("unknown"));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialOperationNotSupported.selector, bytes32(0), uint8(9))
        );
        vm.prank(ministry);
        registry.anchorBirthCertificate(request, bob, alice);
    }

    // ---- parent rules ----

    function test_RevertWhen_TheFatherIsTheSubject() public {
        _expectInvalidParent(baby);
        _anchorBirth(ministry, baby, alice);
    }

    function test_RevertWhen_TheMotherIsTheSubject() public {
        _expectInvalidParent(baby);
        _anchorBirth(ministry, bob, baby);
    }

    function test_RevertWhen_BothParentsAreTheSamePerson() public {
        _expectInvalidParent(alice);
        _anchorBirth(ministry, alice, alice);
    }

    function test_RevertWhen_AParentIsUnregistered() public {
        _expectInvalidParent(stranger);
        _anchorBirth(ministry, stranger, alice);
    }

    function test_RevertWhen_AParentIsAnOrganization() public {
        _expectInvalidParent(dealer);
        _anchorBirth(ministry, bob, dealer);
    }

    function test_RevertWhen_AParentIsAGovernment() public {
        _expectInvalidParent(ministry);
        _anchorBirth(ministry, ministry, alice);
    }

    function test_RevertWhen_TheSubjectOfABirthCertificateIsUnregistered() public {
        CredentialRequest memory request = _request(stranger, BIRTH_CERTIFICATE, birth);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
        vm.prank(ministry);
        registry.anchorBirthCertificate(request, bob, alice);
    }

    function test_RevertWhen_ABirthCertificateIsAnchoredTwice() public {
        bytes32 uid = _anchorBirth(ministry, bob, alice);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialAlreadyAnchored.selector, uid));
        _anchorBirth(ministry, bob, alice);
    }
}
