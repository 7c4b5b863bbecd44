// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IdentityRegistry} from "../src/IdentityRegistry.sol";
import {IIdentityRegistry} from "../src/interfaces/IIdentityRegistry.sol";
import {IEntityRegistry} from "../src/interfaces/IEntityRegistry.sol";
import {ICredentialRegistry} from "../src/interfaces/ICredentialRegistry.sol";
import {
    CertificationLevel,
    CredentialRequest,
    CredentialTypeRules,
    EntityKind,
    EntityStatus
} from "../src/interfaces/IdentityTypes.sol";
import {GovernmentImpersonator} from "./utils/GovernmentImpersonator.sol";
import {MerkleTrees} from "./utils/MerkleTrees.sol";
import {RegistryFixture} from "./utils/RegistryFixture.sol";

/// @notice Flaw 1 of the reference design: certification was read from what the issuer contract
/// claimed about itself. Here it must come from the issuer's standing in the registry only.
contract FlawImpersonatedGovernmentTest is RegistryFixture {
    GovernmentImpersonator internal impostor;

    function setUp() public override {
        super.setUp();
        impostor = new GovernmentImpersonator(IIdentityRegistry(address(registry)), root);
        vm.label(address(impostor), "impostor");
        assertEq(impostor.government(), root, "the impostor claims the real government");
        assertEq(impostor.owner(), address(impostor), "the impostor owns itself");
    }

    function test_RevertWhen_AnUnregisteredContractClaimingTheGovernmentAnchors() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, _commitment("forged title"));
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, address(impostor)));
        impostor.anchor(request);
    }

    function test_AContractClaimingTheGovernmentIsUncertified() public {
        _register(admin, address(impostor), EntityKind.Organization);
        for (uint8 t = 1; t <= DEFAULT_TYPE_COUNT; ++t) {
            assertEq(
                uint256(registry.certificationLevelOf(address(impostor), t)),
                uint256(CertificationLevel.Uncertified),
                "impostor level"
            );
        }
    }

    function test_ARegisteredContractClaimingTheGovernmentAnchorsOnlyUncertified() public {
        _register(admin, address(impostor), EntityKind.Organization);
        bytes32 uid = impostor.anchor(_request(alice, CAR_TITLE, _commitment("forged title")));
        assertEq(_levelOf(uid), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_RevertWhen_ARegisteredContractClaimingTheGovernmentAnchorsAPassport() public {
        _register(admin, address(impostor), EntityKind.Organization);
        CredentialRequest memory request = _request(alice, PASSPORT, _commitment("forged passport"));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialIssuerNotEntitled.selector, address(impostor), PASSPORT
            )
        );
        impostor.anchor(request);
    }

    function test_RevertWhen_AContractClaimingTheGovernmentAccreditsItself() public {
        _register(admin, address(impostor), EntityKind.Organization);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialAccreditorNotGovernment.selector, address(impostor))
        );
        impostor.accredit(address(impostor), CAR_TITLE);
    }

    function test_RevertWhen_ARegisteredContractClaimingTheGovernmentAnchorsAPassportBatch() public {
        _register(admin, address(impostor), EntityKind.Organization);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialIssuerNotEntitled.selector, address(impostor), PASSPORT
            )
        );
        impostor.anchorBatch(keccak256("forged passports"), 100, PASSPORT, START, START + VALIDITY);
    }

    function test_ARegisteredContractClaimingTheGovernmentAnchorsOnlyUncertifiedBatches() public {
        _register(admin, address(impostor), EntityKind.Organization);
        vm.prank(root);
        uint8 diploma = registry.defineCredentialType("Diploma", CredentialTypeRules(false, false, false, false, 0));
        uint256 batchId = impostor.anchorBatch(keccak256("forged diplomas"), 100, diploma, START, START + VALIDITY);
        assertEq(uint256(registry.credentialBatch(batchId).level), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_AnImpostorsCredentialIsLinkedStillUncertified() public {
        _register(admin, address(impostor), EntityKind.Organization);
        bytes32 uid = impostor.anchor(_request(alice, CAR_TITLE, _commitment("forged title")));
        vm.prank(alice);
        registry.linkCredential(uid);
        assertTrue(registry.isLinked(alice, uid), "linked");
        assertEq(_levelOf(uid), uint256(CertificationLevel.Uncertified), "level once linked");
    }

    function test_AnUnaccreditedIssuerAnchorsOnlyUncertified() public {
        bytes32 uid = _anchorCurriculum(alice, _anchorBirthCertificate(alice));
        vm.prank(alice);
        registry.linkCredential(uid);
        assertEq(_levelOf(uid), uint256(CertificationLevel.Uncertified), "level");
    }
}

/// @notice Flaw 2 of the reference design: attribute values were kept in contract storage. After a
/// full walk-through, every storage slot the registry touched must hold only hashes and packed records.
contract FlawStoragePrivacyTest is RegistryFixture {
    string internal constant GIVEN_NAME = "Juan";
    string internal constant FAMILY_NAME = "Perez";
    string internal constant FULL_NAME = "Juan Carlos Perez Rodriguez";
    string internal constant BIRTHPLACE = "Montevideo";
    bytes32 internal constant GIVEN_NAME_WORD = "Juan";
    /// @dev 15 May 1990, both as a calendar number and as a unix timestamp.
    uint32 internal constant BIRTH_DATE = 19900515;
    uint32 internal constant BIRTH_TIMESTAMP = 642729600;
    string internal constant PLATE = "ABC1234";
    string internal constant VIN = "1HGCM82633A004352";
    string internal constant DEGREE = "BSc Computer Engineering";

    address internal juan = _actor("juan");
    address internal buyer = _actor("buyer");
    address internal newborn = _actor("newborn");

    /// @notice A leaf of the commitment tree: a salted hash of one attribute.
    function _leaf(bytes32 salt, string memory key, bytes memory value) internal pure returns (bytes32) {
        return keccak256(abi.encode(salt, key, value));
    }

    function _birthCommitment() internal pure returns (bytes32) {
        bytes32[5] memory leaves = [
            _leaf("salt-1", "givenName", bytes(GIVEN_NAME)),
            _leaf("salt-2", "familyName", bytes(FAMILY_NAME)),
            _leaf("salt-3", "fullName", bytes(FULL_NAME)),
            _leaf("salt-4", "birthDate", abi.encode(BIRTH_DATE)),
            _leaf("salt-5", "birthPlace", bytes(BIRTHPLACE))
        ];
        return keccak256(abi.encode(leaves));
    }

    function _curriculumCommitment() internal pure returns (bytes32) {
        return keccak256(abi.encode(_leaf("salt-6", "student", bytes(FULL_NAME)), _leaf("salt-7", "school", "Liceo 1")));
    }

    function _passportCommitment(bytes32 salt) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(_leaf(salt, "fullName", bytes(FULL_NAME)), _leaf(salt, "birthDate", abi.encode(BIRTH_DATE)))
        );
    }

    function _titleCommitment() internal pure returns (bytes32) {
        return keccak256(abi.encode(_leaf("salt-8", "plate", bytes(PLATE)), _leaf("salt-9", "vin", bytes(VIN))));
    }

    /// @dev Registration, three anchored credentials, parents, achievements, links, a car sale, and
    /// population batches (a claimed identity, a passport batch with a revocation).
    function _walkThrough() internal {
        _register(admin, juan, EntityKind.Person);
        _register(admin, buyer, EntityKind.Person);
        _accredit(ministry, university, SCHOLAR_CURRICULUM);

        CredentialRequest memory birthRequest = _request(juan, BIRTH_CERTIFICATE, _birthCommitment());
        vm.prank(ministry);
        bytes32 birth = registry.anchorBirthCertificate(birthRequest, bob, alice);

        bytes32 curriculum =
            _anchor(university, _derivedRequest(juan, SCHOLAR_CURRICULUM, _curriculumCommitment(), birth));
        vm.startPrank(university);
        registry.addAchievement(_curriculumCommitment(), _leaf("salt-10", "degree", bytes(DEGREE)));
        registry.addAchievement(_curriculumCommitment(), _leaf("salt-11", "honours", bytes(FULL_NAME)));
        vm.stopPrank();

        bytes32 title = _anchor(dealer, _request(juan, CAR_TITLE, _titleCommitment()));
        vm.startPrank(juan);
        registry.linkCredential(birth);
        registry.linkCredential(curriculum);
        registry.linkCredential(title);
        registry.requestCredentialTransfer(title, buyer);
        vm.stopPrank();
        vm.prank(dealer);
        registry.approveCredentialTransfer(_titleCommitment(), buyer);

        // A population batch: the identity is claimed lazily, the passport is a leaf of a published tree.
        bytes32[] memory identities = new bytes32[](2);
        identities[0] = MerkleTrees.identityLeaf(newborn, EntityKind.Person, 0);
        identities[1] = MerkleTrees.identityLeaf(juan, EntityKind.Person, 1);
        vm.prank(ministry);
        uint256 identityBatch =
            registry.anchorIdentityBatch(MerkleTrees.root(identities), 2, MerkleTrees.published(identities));
        registry.claimIdentity(identityBatch, newborn, EntityKind.Person, 0, MerkleTrees.proof(identities, 0));

        bytes32[] memory passports = new bytes32[](2);
        passports[0] = MerkleTrees.credentialLeaf(0, juan, _passportCommitment("salt-12"));
        passports[1] = MerkleTrees.credentialLeaf(1, newborn, _passportCommitment("salt-13"));
        vm.startPrank(ministry);
        uint256 passportBatch = registry.anchorCredentialBatch(
            MerkleTrees.root(passports), 2, PASSPORT, START, START + VALIDITY, MerkleTrees.published(passports)
        );
        registry.revokeBatchCredential(passportBatch, 1);
        vm.stopPrank();
    }

    /// @notice Whether `needle` appears at any byte offset of `word`.
    function _contains(bytes32 word, bytes memory needle) internal pure returns (bool) {
        if (needle.length == 0 || needle.length > 32) return false;
        for (uint256 offset; offset + needle.length <= 32; ++offset) {
            bool match_ = true;
            for (uint256 i; i < needle.length; ++i) {
                if (word[offset + i] != needle[i]) {
                    match_ = false;
                    break;
                }
            }
            if (match_) return true;
        }
        return false;
    }

    function _assertNoAttribute(bytes32 slot, bytes32 value) internal pure {
        string memory where = string.concat("slot ", vm.toString(slot), " holds ");
        bytes[8] memory fragments = [
            bytes(GIVEN_NAME),
            bytes(FAMILY_NAME),
            bytes(BIRTHPLACE),
            bytes(PLATE),
            bytes("1HGCM82633A"),
            bytes("Computer"),
            abi.encodePacked(BIRTH_DATE),
            abi.encodePacked(BIRTH_TIMESTAMP)
        ];
        for (uint256 i; i < fragments.length; ++i) {
            assertFalse(_contains(value, fragments[i]), string.concat(where, "attribute fragment ", vm.toString(i)));
        }
        assertNotEq(value, GIVEN_NAME_WORD, string.concat(where, "bytes32(given name)"));
        assertNotEq(value, bytes32(uint256(BIRTH_DATE)), string.concat(where, "the birth date"));
        assertNotEq(value, bytes32(uint256(BIRTH_TIMESTAMP)), string.concat(where, "the birth timestamp"));
        // Every word of the abi-encoded strings (offset, length and data words).
        string[4] memory strings = [FULL_NAME, BIRTHPLACE, VIN, DEGREE];
        for (uint256 s; s < strings.length; ++s) {
            bytes memory encoded = abi.encode(strings[s]);
            for (uint256 w = 64; w < encoded.length; w += 32) {
                bytes32 word;
                assembly {
                    word := mload(add(add(encoded, 32), w))
                }
                assertNotEq(value, word, string.concat(where, "a word of abi.encode(", strings[s], ")"));
            }
        }
    }

    function test_NoAttributeValueReachesStorage() public {
        vm.record();
        // A fresh deployment, so the constructor's writes are recorded too.
        vm.prank(root);
        registry = new IdentityRegistry();
        _register(root, ministry, EntityKind.Government);
        _register(ministry, admin, EntityKind.Admin);
        _register(ministry, university, EntityKind.Issuer);
        _register(admin, alice, EntityKind.Person);
        _register(admin, bob, EntityKind.Person);
        _register(admin, dealer, EntityKind.Organization);
        _walkThrough();

        (bytes32[] memory reads, bytes32[] memory writes) = vm.accesses(address(registry));
        assertTrue(writes.length > 30, "the walk-through wrote storage");
        for (uint256 i; i < writes.length; ++i) {
            _assertNoAttribute(writes[i], vm.load(address(registry), writes[i]));
        }
        for (uint256 i; i < reads.length; ++i) {
            _assertNoAttribute(reads[i], vm.load(address(registry), reads[i]));
        }
    }

    function test_TheDetectorFindsAnAttributeWhereOneIsStored() public pure {
        // Guards the check above against passing vacuously.
        // 16 bytes padded on the right into a word, as a packed storage record would hold them.
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes32 packed = bytes32(abi.encodePacked(uint64(7), bytes(GIVEN_NAME), BIRTH_TIMESTAMP));
        assertTrue(_contains(packed, bytes(GIVEN_NAME)), "given name inside a packed word");
        assertTrue(_contains(packed, abi.encodePacked(BIRTH_TIMESTAMP)), "timestamp inside a packed word");
        assertFalse(_contains(keccak256(bytes(GIVEN_NAME)), bytes(GIVEN_NAME)), "a hash of the name");
    }
}

/// @notice Flaw 3 of the reference design: anyone who once was an issuer kept issuing. Only active,
/// registered issuers may anchor.
contract FlawIssuerStandingTest is RegistryFixture {
    function test_RevertWhen_AnUnregisteredAccountIssues() public {
        CredentialRequest memory request = _request(alice, CAR_TITLE, _commitment("title"));
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
        vm.prank(stranger);
        registry.anchorCredential(request);
    }

    function test_RevertWhen_ASuspendedIssuerIssues() public {
        _suspend(ministry, university);
        CredentialRequest memory request = _request(alice, CAR_TITLE, _commitment("title"));
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, university, EntityStatus.Suspended)
        );
        vm.prank(university);
        registry.anchorCredential(request);
    }

    function test_RevertWhen_ARevokedIssuerIssues() public {
        _revoke(ministry, university);
        CredentialRequest memory request = _request(alice, CAR_TITLE, _commitment("title"));
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, university, EntityStatus.Revoked)
        );
        vm.prank(university);
        registry.anchorCredential(request);
    }

    function test_RevertWhen_ASuspendedGovernmentIssuesABirthCertificate() public {
        _suspend(root, ministry);
        CredentialRequest memory request = _request(alice, BIRTH_CERTIFICATE, _commitment("birth"));
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, ministry, EntityStatus.Suspended)
        );
        vm.prank(ministry);
        registry.anchorCredential(request);
    }

    function test_RevertWhen_AnIssuerSuspendedThroughItsRegistrarsChainIssues() public {
        // The grand-parent (root) suspends the issuer, not its direct registrar.
        _suspend(root, university);
        CredentialRequest memory request = _request(alice, CAR_TITLE, _commitment("title"));
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, university, EntityStatus.Suspended)
        );
        vm.prank(university);
        registry.anchorCredential(request);
    }

    function test_RevertWhen_AnUnregisteredAccountIssuesABatch() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
        vm.prank(stranger);
        registry.anchorCredentialBatch(keccak256("batch"), 10, PASSPORT, START, START + VALIDITY, "");
    }

    function test_RevertWhen_ASuspendedGovernmentIssuesABatch() public {
        _suspend(root, ministry);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, ministry, EntityStatus.Suspended)
        );
        vm.prank(ministry);
        registry.anchorCredentialBatch(keccak256("batch"), 10, PASSPORT, START, START + VALIDITY, "");
    }

    function test_RevertWhen_ARevokedGovernmentIssuesABatch() public {
        _revoke(root, ministry);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, ministry, EntityStatus.Revoked)
        );
        vm.prank(ministry);
        registry.anchorCredentialBatch(keccak256("batch"), 10, PASSPORT, START, START + VALIDITY, "");
    }

    function test_AReinstatedIssuerIssuesAgain() public {
        _suspend(ministry, university);
        vm.prank(ministry);
        registry.reinstateEntity(university);
        bytes32 uid = _anchor(university, _request(alice, CAR_TITLE, _commitment("title")));
        assertTrue(registry.isCredentialValid(uid), "valid");
    }
}
