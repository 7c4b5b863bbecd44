// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {HolderFixture} from "../utils/HolderFixture.sol";
import {IKeyBindings} from "../../src/interfaces/IKeyBindings.sol";
import {IEntityRegistry} from "../../src/interfaces/IEntityRegistry.sol";
import {ICredentialRegistry} from "../../src/interfaces/ICredentialRegistry.sol";
import {CertificationLevel, CredentialRequest, CredentialTypeRules, EntityKind} from "../../src/interfaces/IdentityTypes.sol";

/// @notice Authorities' keys rotate and are rebound like holders' (issue 23 §1): every authority action
/// resolves its caller through the key bindings, so only the current key acts, with the identity's standing.
contract AuthorityKeysTest is HolderFixture {
    uint256 internal constant STOLEN_MINISTRY_KEY = uint256(keccak256("ministry"));
    uint256 internal constant MINISTRY_NEW_KEY = 0xA11CE;
    uint256 internal constant UNIVERSITY_NEW_KEY = 0xB0B;
    uint256 internal constant ROOT_NEW_KEY = 0xC0FFEE;

    function _rebindMinistry() internal returns (address newKey) {
        newKey = vm.addr(MINISTRY_NEW_KEY);
        vm.prank(root);
        holders.rebindByRegistrar(ministry, newKey, keccak256("police report 2026-0042"));
    }

    function test_AfterRootRebindsAGovernmentTheStolenKeyCanNeitherRegisterNorAnchor() public {
        address stolen = vm.addr(STOLEN_MINISTRY_KEY);
        _rebindMinistry();
        address accomplice = _actor("accomplice");
        vm.prank(stolen);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, stolen));
        registry.registerEntity(accomplice, EntityKind.Government);
        vm.prank(stolen);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, stolen));
        registry.anchorBirthCertificate(_request(alice, BIRTH_CERTIFICATE, _commitment("forged")), address(0), address(0));
        assertFalse(registry.exists(accomplice), "no entity registered by the stolen key");
    }

    function test_TheRebornGovernmentKeyActsWithTheGovernmentsStanding() public {
        address newKey = _rebindMinistry();
        address citizen = _actor("citizen");
        vm.prank(newKey);
        registry.registerEntity(citizen, EntityKind.Person);
        assertEq(registry.registrarOf(citizen), ministry, "registered by the identity, not the key");
        vm.prank(newKey);
        bytes32 uid = registry.anchorBirthCertificate(_request(citizen, BIRTH_CERTIFICATE, _commitment("c")), address(0), address(0));
        assertEq(uid, registry.credentialId(ministry, _commitment("c")), "the uid binds the identity");
        assertEq(uint256(registry.credential(uid).level), uint256(CertificationLevel.GovernmentCertified), "level");
        vm.prank(newKey);
        registry.suspendEntity(citizen);
        vm.prank(newKey);
        registry.revokeCredential(_commitment("c"));
        assertTrue(registry.credential(uid).revoked, "revoked by the new key");
    }

    function test_AnAccreditedIssuerThatRotatesIssuesFromTheNewKeyOnlyWithItsAccreditation() public {
        _accredit(ministry, university, SCHOLAR_CURRICULUM);
        bytes32 birth = _anchorBirthCertificate(alice);
        address newKey = _rotate(university, university, UNIVERSITY_NEW_KEY);
        CredentialRequest memory request = _derivedRequest(alice, SCHOLAR_CURRICULUM, _commitment("cs"), birth);
        vm.prank(university);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, university));
        registry.anchorCredential(request);
        vm.prank(newKey);
        bytes32 uid = registry.anchorCredential(request);
        assertEq(uid, registry.credentialId(university, _commitment("cs")), "uid binds the identity");
        assertEq(uint256(registry.credential(uid).level), uint256(CertificationLevel.Accredited), "accreditation follows the identity");
        vm.prank(newKey);
        registry.addAchievement(_commitment("cs"), keccak256("algebra"));
        vm.prank(university);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, university));
        registry.addAchievement(_commitment("cs"), keccak256("forged grade"));
        vm.prank(university);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, university));
        registry.revokeCredential(_commitment("cs"));
    }

    function test_RootActsThroughItsCurrentKeyOnly() public {
        address newKey = _rotate(root, root, ROOT_NEW_KEY);
        CredentialTypeRules memory rules;
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, root));
        registry.defineCredentialType(keccak256("Deed"), rules);
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, root));
        registry.transferRoot(ministry);
        vm.prank(newKey);
        registry.defineCredentialType(keccak256("Deed"), rules);
        vm.prank(newKey);
        registry.transferRoot(ministry);
        assertEq(registry.pendingRoot(), ministry, "pending");
        // The new key also rebinds others as root; the old one cannot.
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, root));
        holders.rebindByRegistrar(alice, vm.addr(0xD00D), bytes32(0));
        vm.prank(newKey);
        holders.rebindByRegistrar(alice, vm.addr(0xD00D), bytes32(0));
        assertEq(holders.keyOf(alice), vm.addr(0xD00D), "rebound");
    }

    function test_AcceptingRootAndAccreditingFollowTheNewKey() public {
        address newKey = _rebindMinistry();
        vm.prank(root);
        registry.transferRoot(ministry);
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, ministry));
        registry.acceptRoot();
        vm.prank(newKey);
        registry.accreditIssuer(university, PASSPORT);
        assertEq(registry.accreditationOf(university, PASSPORT), ministry, "the accreditor is the identity");
        vm.prank(newKey);
        registry.acceptRoot();
        assertEq(registry.root(), ministry, "root");
    }

    function test_AKeyEverBoundCannotBeRegisteredAsAnEntity() public {
        address current = _rotate(alice, alice, 0xFACE);
        address next = _rotate(current, alice, 0xFEED);
        for (uint256 i; i < 2; ++i) {
            address key = i == 0 ? current : next; // a retired key, then the current one
            vm.prank(ministry);
            vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityKeyInUse.selector, key));
            registry.registerEntity(key, EntityKind.Person);
        }
    }

    function test_AnEntitysAddressCannotBecomeSomeoneElsesKey() public {
        bytes memory signature = _acceptKey(uint256(keccak256("bob")), alice, block.timestamp + 1 hours);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyInvalid.selector, bob));
        holders.rotateKey(bob, block.timestamp + 1 hours, signature);
    }

    function test_ARetiredRegistrarKeyCannotRebindAnyone() public {
        address newKey = _rebindMinistry();
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, ministry));
        holders.rebindByRegistrar(alice, vm.addr(0xD00D), bytes32(0));
        vm.prank(newKey);
        holders.rebindByRegistrar(alice, vm.addr(0xD00D), bytes32(0));
        assertEq(holders.keyOf(alice), vm.addr(0xD00D), "rebound");
    }

    function test_RevocationOfACredentialNeedsTheIssuersCurrentKey() public {
        bytes32 uid = _anchorBirthCertificate(alice);
        _rebindMinistry();
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, ministry));
        registry.revokeCredential(keccak256(abi.encode("commitment", string.concat("birth of ", vm.toString(alice)))));
        assertFalse(registry.credential(uid).revoked, "still valid");
        // A key nobody bound never resolves to the ministry: it acts for itself, and has no such credential.
        bytes32 strangersUid = registry.credentialId(stranger, _commitment("x"));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotFound.selector, strangersUid));
        registry.revokeCredential(_commitment("x"));
    }
}
