// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ICredentialRegistry} from "../../src/interfaces/ICredentialRegistry.sol";
import {IEntityRegistry} from "../../src/interfaces/IEntityRegistry.sol";
import {IERC5192} from "../../src/interfaces/IERC5192.sol";
import {IPopulationBatches} from "../../src/interfaces/IPopulationBatches.sol";
import {
    CertificationLevel,
    CredentialTypeRules,
    Entity,
    EntityKind,
    EntityStatus
} from "../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../utils/RegistryFixture.sol";

/// @notice Identity and credential batches: anchoring, lazy claims, bitmap revocation and membership.
/// @dev Trees are built here as the SDK builds them: double-hashed leaves, pairs hashed in sorted
/// order (OpenZeppelin MerkleProof). A 4-leaf tree is balanced; the 3-leaf one has a shorter branch.
contract PopulationBatchesUnitTest is RegistryFixture {
    uint32 internal constant MAX_BATCH_SIZE = 1 << 16;
    bytes internal constant NO_LEAVES = "";

    /// @dev Future citizens: not registered until claimed.
    address internal ana = _actor("ana");
    address internal beto = _actor("beto");
    address internal acme = _actor("acme");
    address internal dora = _actor("dora");
    /// @dev A second government, to show that batch rights do not pass between governments.
    address internal province = _actor("province");

    address[4] internal citizens;
    EntityKind[4] internal citizenKinds;
    bytes32[4] internal identityLeaves;
    bytes32 internal identityRoot;

    bytes32[4] internal commitments;
    bytes32[4] internal credentialLeaves;
    bytes32 internal credentialRoot;

    /// @dev A type with no relations and no government restriction, so any issuer kind may batch it.
    uint8 internal diploma;

    function setUp() public override {
        super.setUp();
        _register(root, province, EntityKind.Government);
        vm.prank(root);
        diploma = registry.defineCredentialType("Diploma", CredentialTypeRules(false, false, false, false, 0));

        citizens = [ana, beto, acme, dora];
        citizenKinds = [EntityKind.Person, EntityKind.Person, EntityKind.Organization, EntityKind.Person];
        for (uint32 i; i < 4; ++i) {
            identityLeaves[i] = _identityLeaf(citizens[i], citizenKinds[i], i);
            commitments[i] = _commitment(string.concat("birth ", vm.toString(uint256(i))));
            credentialLeaves[i] = _credentialLeaf(i, citizens[i], commitments[i]);
        }
        (identityRoot,) = _tree4(identityLeaves);
        (credentialRoot,) = _tree4(credentialLeaves);
    }

    // ---- trees ----

    function _identityLeaf(address account, EntityKind kind, uint32 index) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, kind, index))));
    }

    function _credentialLeaf(uint32 index, address subject, bytes32 commitment) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, subject, commitment))));
    }

    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @notice Root of ((l0, l1), (l2, l3)) and each leaf's proof.
    function _tree4(bytes32[4] memory leaves) internal pure returns (bytes32 treeRoot, bytes32[][] memory proofs) {
        bytes32 left = _hashPair(leaves[0], leaves[1]);
        bytes32 right = _hashPair(leaves[2], leaves[3]);
        treeRoot = _hashPair(left, right);
        proofs = new bytes32[][](4);
        for (uint256 i; i < 4; ++i) {
            proofs[i] = new bytes32[](2);
            proofs[i][0] = leaves[i ^ 1];
            proofs[i][1] = i < 2 ? right : left;
        }
    }

    /// @notice Root of ((l0, l1), l2): l2's proof is one node long, the others two.
    function _tree3(bytes32[3] memory leaves) internal pure returns (bytes32 treeRoot, bytes32[][] memory proofs) {
        bytes32 left = _hashPair(leaves[0], leaves[1]);
        treeRoot = _hashPair(left, leaves[2]);
        proofs = new bytes32[][](3);
        proofs[0] = new bytes32[](2);
        proofs[0][0] = leaves[1];
        proofs[0][1] = leaves[2];
        proofs[1] = new bytes32[](2);
        proofs[1][0] = leaves[0];
        proofs[1][1] = leaves[2];
        proofs[2] = new bytes32[](1);
        proofs[2][0] = left;
    }

    /// @dev Proofs are rebuilt on demand: the legacy code generator cannot copy nested memory arrays to storage.
    function _identityProof(uint256 index) internal view returns (bytes32[] memory) {
        (, bytes32[][] memory proofs) = _tree4(identityLeaves);
        return proofs[index];
    }

    function _credentialProof(uint256 index) internal view returns (bytes32[] memory) {
        (, bytes32[][] memory proofs) = _tree4(credentialLeaves);
        return proofs[index];
    }

    // ---- steps ----

    function _anchorIdentities(address registrar) internal returns (uint256 batchId) {
        vm.prank(registrar);
        batchId = registry.anchorIdentityBatch(identityRoot, 4, NO_LEAVES);
    }

    function _claim(uint256 batchId, uint32 index) internal returns (uint256 tokenId) {
        bytes32[] memory proof = _identityProof(index);
        vm.prank(stranger);
        tokenId = registry.claimIdentity(batchId, citizens[index], citizenKinds[index], index, proof);
    }

    function _anchorCredentials(address issuer, uint8 credentialType) internal returns (uint256 batchId) {
        vm.prank(issuer);
        batchId = registry.anchorCredentialBatch(
            credentialRoot, 4, credentialType, uint32(block.timestamp), uint32(block.timestamp) + VALIDITY, NO_LEAVES
        );
    }

    function _isValid(uint256 batchId, uint32 index) internal view returns (bool) {
        return
            registry.isBatchCredentialValid(
                batchId, index, citizens[index], commitments[index], _credentialProof(index)
            );
    }

    function _publishedLeaves(bytes32[4] memory leaves) internal pure returns (bytes memory) {
        return abi.encodePacked(leaves);
    }

    function _expectAnchorRevert(
        bytes memory revertData,
        address caller,
        bytes32 batchRoot,
        uint32 size,
        bytes memory leaves
    ) internal {
        vm.expectRevert(revertData);
        vm.prank(caller);
        registry.anchorIdentityBatch(batchRoot, size, leaves);
    }

    // ---- anchorIdentityBatch ----

    function test_AnchorIdentityBatchStoresTheBatch() public {
        vm.warp(START + 1 days);
        uint256 batchId = _anchorIdentities(ministry);
        IPopulationBatches.IdentityBatch memory batch = registry.identityBatch(batchId);
        assertEq(batch.root, identityRoot, "root");
        assertEq(batch.registrar, ministry, "registrar");
        assertEq(batch.size, 4, "size");
        assertEq(batch.anchoredAt, START + 1 days, "anchoredAt");
    }

    function test_AnchorIdentityBatchNumbersBatchesFromOne() public {
        assertEq(_anchorIdentities(ministry), 1, "first id");
        vm.prank(admin);
        assertEq(registry.anchorIdentityBatch(keccak256("another batch"), 4, NO_LEAVES), 2, "second id");
        assertEq(registry.identityBatch(2).registrar, admin, "second registrar");
    }

    function test_RevertWhen_AnotherRegistrarAnchorsTheSameRoot() public {
        _anchorIdentities(ministry);
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchRootAlreadyAnchored.selector, identityRoot, 1));
        _anchorIdentities(admin);
    }

    function test_AnchorIdentityBatchRegistersNobody() public {
        _anchorIdentities(ministry);
        for (uint256 i; i < 4; ++i) {
            assertFalse(registry.exists(citizens[i]), "registered at anchoring");
        }
    }

    function test_AnchorIdentityBatchEmitsIdentityBatchAnchored() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IPopulationBatches.IdentityBatchAnchored(1, ministry, identityRoot, 4);
        _anchorIdentities(ministry);
    }

    function test_AnchorIdentityBatchAcceptsPublishedLeavesOfTheSize() public {
        vm.prank(ministry);
        uint256 batchId = registry.anchorIdentityBatch(identityRoot, 4, _publishedLeaves(identityLeaves));
        assertEq(registry.identityBatch(batchId).root, identityRoot, "root");
    }

    function test_AnAdminAnchorsAnIdentityBatch() public {
        uint256 batchId = _anchorIdentities(admin);
        assertEq(registry.identityBatch(batchId).registrar, admin, "registrar");
    }

    function test_AnchorIdentityBatchAcceptsTheLargestSize() public {
        vm.prank(ministry);
        uint256 batchId = registry.anchorIdentityBatch(identityRoot, MAX_BATCH_SIZE, NO_LEAVES);
        assertEq(registry.identityBatch(batchId).size, MAX_BATCH_SIZE, "size");
    }

    function test_RevertWhen_AnUnregisteredAccountAnchorsIdentities() public {
        _expectAnchorRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger),
            stranger,
            identityRoot,
            4,
            NO_LEAVES
        );
    }

    function test_RevertWhen_ASuspendedGovernmentAnchorsIdentities() public {
        _suspend(root, ministry);
        _expectAnchorRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, ministry, EntityStatus.Suspended),
            ministry,
            identityRoot,
            4,
            NO_LEAVES
        );
    }

    function test_RevertWhen_ARevokedAdminAnchorsIdentities() public {
        _revoke(ministry, admin);
        _expectAnchorRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, admin, EntityStatus.Revoked),
            admin,
            identityRoot,
            4,
            NO_LEAVES
        );
    }

    function test_RevertWhen_AnIssuerAnchorsIdentities() public {
        _expectAnchorRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, university, EntityKind.Issuer, EntityKind.Person
            ),
            university,
            identityRoot,
            4,
            NO_LEAVES
        );
    }

    function test_RevertWhen_APersonAnchorsIdentities() public {
        _expectAnchorRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, alice, EntityKind.Person, EntityKind.Person
            ),
            alice,
            identityRoot,
            4,
            NO_LEAVES
        );
    }

    function test_RevertWhen_AnOrganizationAnchorsIdentities() public {
        _expectAnchorRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, dealer, EntityKind.Organization, EntityKind.Person
            ),
            dealer,
            identityRoot,
            4,
            NO_LEAVES
        );
    }

    function test_RevertWhen_AnIdentityBatchRootIsZero() public {
        _expectAnchorRevert(
            abi.encodeWithSelector(IPopulationBatches.BatchEmptyRoot.selector), ministry, bytes32(0), 4, NO_LEAVES
        );
    }

    function test_RevertWhen_AnIdentityBatchIsEmpty() public {
        _expectAnchorRevert(
            abi.encodeWithSelector(IPopulationBatches.BatchInvalidSize.selector, 0, 0),
            ministry,
            identityRoot,
            0,
            NO_LEAVES
        );
    }

    function test_RevertWhen_AnIdentityBatchIsTooLarge() public {
        _expectAnchorRevert(
            abi.encodeWithSelector(IPopulationBatches.BatchInvalidSize.selector, MAX_BATCH_SIZE + 1, 0),
            ministry,
            identityRoot,
            MAX_BATCH_SIZE + 1,
            NO_LEAVES
        );
    }

    function test_RevertWhen_PublishedIdentityLeavesDoNotMatchTheSize() public {
        bytes memory leaves = _publishedLeaves(identityLeaves);
        _expectAnchorRevert(
            abi.encodeWithSelector(IPopulationBatches.BatchInvalidSize.selector, 5, 128),
            ministry,
            identityRoot,
            5,
            leaves
        );
        _expectAnchorRevert(
            abi.encodeWithSelector(IPopulationBatches.BatchInvalidSize.selector, 4, 127),
            ministry,
            identityRoot,
            4,
            bytes.concat(bytes31(0), bytes32(0), bytes32(0), bytes32(0))
        );
    }

    function testFuzz_OnlyActiveGovernmentsAndAdminsAnchorIdentities(uint256 actorSeed, address random) public {
        address caller = actorSeed % 3 == 0 ? random : _actors[actorSeed % _actors.length];
        Entity memory record = registry.entity(caller);
        bytes memory expected;
        if (record.status == EntityStatus.None) {
            expected = abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, caller);
        } else if (record.kind != EntityKind.Government && record.kind != EntityKind.Admin) {
            expected = abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, caller, record.kind, EntityKind.Person
            );
        }
        if (expected.length != 0) {
            _expectAnchorRevert(expected, caller, identityRoot, 4, NO_LEAVES);
            assertEq(registry.identityBatch(1).root, bytes32(0), "batch stored");
        } else {
            assertEq(_anchorIdentities(caller), 1, "batch id");
            assertEq(registry.identityBatch(1).registrar, caller, "registrar");
        }
    }

    // ---- claimIdentity ----

    function test_ClaimIdentityRegistersTheEntryWithTheBatchRegistrar() public {
        uint256 batchId = _anchorIdentities(admin);
        vm.warp(START + 2 days);
        _claim(batchId, 2);
        Entity memory record = registry.entity(acme);
        assertEq(record.registrar, admin, "registrar");
        assertEq(uint256(record.kind), uint256(EntityKind.Organization), "kind");
        assertEq(uint256(record.status), uint256(EntityStatus.Active), "status");
        assertEq(record.registeredAt, START + 2 days, "registeredAt");
        assertEq(record.linkedCredentials, 0, "linkedCredentials");
        assertFalse(registry.exists(stranger), "the relayer was registered");
    }

    function test_ClaimIdentityMintsTheToken() public {
        uint256 batchId = _anchorIdentities(ministry);
        uint256 tokenId = _claim(batchId, 0);
        assertEq(tokenId, _tokenOf(ana), "token id");
        assertEq(registry.ownerOf(tokenId), ana, "owner");
        assertEq(registry.balanceOf(ana), 1, "balance");
        assertEq(registry.identityTokenOf(ana), tokenId, "identityTokenOf");
    }

    function test_ClaimIdentityEmitsTheRegistrationTheMintAndTheClaim() public {
        uint256 batchId = _anchorIdentities(ministry);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IEntityRegistry.EntityRegistered(beto, ministry, EntityKind.Person);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IERC721.Transfer(address(0), beto, _tokenOf(beto));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IERC5192.Locked(_tokenOf(beto));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IPopulationBatches.IdentityClaimed(batchId, beto, 1);
        _claim(batchId, 1);
    }

    function test_ClaimIdentityByTheAccountItself() public {
        uint256 batchId = _anchorIdentities(ministry);
        bytes32[] memory proof = _identityProof(3);
        vm.prank(dora);
        registry.claimIdentity(batchId, dora, EntityKind.Person, 3, proof);
        assertEq(registry.registrarOf(dora), ministry, "registrar");
    }

    function test_ClaimIdentityClaimsEveryEntryOfABatch() public {
        uint256 batchId = _anchorIdentities(ministry);
        for (uint32 i; i < 4; ++i) {
            _claim(batchId, i);
            assertEq(uint256(registry.kindOf(citizens[i])), uint256(citizenKinds[i]), "kind");
        }
    }

    function test_ClaimIdentityWithProofsOfDifferentLengths() public {
        bytes32[3] memory leaves = [identityLeaves[0], identityLeaves[1], identityLeaves[2]];
        (bytes32 treeRoot, bytes32[][] memory proofs) = _tree3(leaves);
        vm.prank(ministry);
        uint256 batchId = registry.anchorIdentityBatch(treeRoot, 3, NO_LEAVES);
        for (uint32 i; i < 3; ++i) {
            vm.prank(stranger);
            registry.claimIdentity(batchId, citizens[i], citizenKinds[i], i, proofs[i]);
            assertTrue(registry.exists(citizens[i]), "claimed");
        }
    }

    function test_ClaimIdentityFromASingleEntryBatchNeedsNoProof() public {
        vm.prank(ministry);
        uint256 batchId = registry.anchorIdentityBatch(identityLeaves[0], 1, abi.encodePacked(identityLeaves[0]));
        vm.prank(stranger);
        registry.claimIdentity(batchId, ana, EntityKind.Person, 0, new bytes32[](0));
        assertTrue(registry.exists(ana), "claimed");
    }

    function test_ClaimIdentityAfterTheRegistrarIsReinstated() public {
        uint256 batchId = _anchorIdentities(province);
        _suspend(root, province);
        vm.prank(root);
        registry.reinstateEntity(province);
        _claim(batchId, 0);
        assertEq(registry.registrarOf(ana), province, "registrar");
    }

    function test_RevertWhen_ClaimingFromAnUnknownBatch() public {
        _anchorIdentities(ministry);
        bytes32[] memory proof = _identityProof(0);
        for (uint256 batchId; batchId < 3; batchId += 2) {
            vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchNotFound.selector, batchId));
            vm.prank(stranger);
            registry.claimIdentity(batchId, ana, EntityKind.Person, 0, proof);
        }
    }

    function test_RevertWhen_ClaimingAnIndexOutsideTheBatch() public {
        uint256 batchId = _anchorIdentities(ministry);
        bytes32[] memory proof = _identityProof(0);
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchIndexOutOfRange.selector, batchId, 4));
        vm.prank(stranger);
        registry.claimIdentity(batchId, ana, EntityKind.Person, 4, proof);
    }

    function test_RevertWhen_ClaimingWhileTheRegistrarIsSuspended() public {
        uint256 batchId = _anchorIdentities(province);
        _suspend(root, province);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, province, EntityStatus.Suspended)
        );
        _claim(batchId, 0);
    }

    function test_RevertWhen_ClaimingAfterTheRegistrarIsRevoked() public {
        uint256 batchId = _anchorIdentities(admin);
        _revoke(ministry, admin);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, admin, EntityStatus.Revoked));
        _claim(batchId, 0);
    }

    function test_RevertWhen_ClaimingAKindTheRegistrarMayNotRegister() public {
        bytes32 leaf = _identityLeaf(ana, EntityKind.Government, 0);
        vm.prank(admin);
        uint256 batchId = registry.anchorIdentityBatch(leaf, 1, NO_LEAVES);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, admin, EntityKind.Admin, EntityKind.Government
            )
        );
        vm.prank(stranger);
        registry.claimIdentity(batchId, ana, EntityKind.Government, 0, new bytes32[](0));
    }

    function test_RevertWhen_ClaimingKindNone() public {
        bytes32 leaf = _identityLeaf(ana, EntityKind.None, 0);
        vm.prank(ministry);
        uint256 batchId = registry.anchorIdentityBatch(leaf, 1, NO_LEAVES);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEntityRegistry.EntityKindNotAllowed.selector, ministry, EntityKind.Government, EntityKind.None
            )
        );
        vm.prank(stranger);
        registry.claimIdentity(batchId, ana, EntityKind.None, 0, new bytes32[](0));
    }

    function test_RevertWhen_ClaimingTheZeroAddress() public {
        bytes32 leaf = _identityLeaf(address(0), EntityKind.Person, 0);
        vm.prank(ministry);
        uint256 batchId = registry.anchorIdentityBatch(leaf, 1, NO_LEAVES);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityZeroAddress.selector));
        vm.prank(stranger);
        registry.claimIdentity(batchId, address(0), EntityKind.Person, 0, new bytes32[](0));
    }

    function test_RevertWhen_ClaimingTwice() public {
        uint256 batchId = _anchorIdentities(ministry);
        _claim(batchId, 0);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityAlreadyRegistered.selector, ana));
        _claim(batchId, 0);
    }

    function test_RevertWhen_ClaimingAnAccountAlreadyRegisteredDirectly() public {
        bytes32 leaf = _identityLeaf(alice, EntityKind.Person, 0);
        vm.prank(ministry);
        uint256 batchId = registry.anchorIdentityBatch(leaf, 1, NO_LEAVES);
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityAlreadyRegistered.selector, alice));
        vm.prank(stranger);
        registry.claimIdentity(batchId, alice, EntityKind.Person, 0, new bytes32[](0));
        assertEq(registry.registrarOf(alice), admin, "registrar changed");
    }

    function test_RevertWhen_ClaimingWithAProofOfAnotherBatch() public {
        uint256 first = _anchorIdentities(ministry);
        bytes32[4] memory others = identityLeaves;
        others[3] = _identityLeaf(stranger, EntityKind.Person, 3);
        (bytes32 otherRoot,) = _tree4(others);
        vm.prank(ministry);
        uint256 second = registry.anchorIdentityBatch(otherRoot, 4, NO_LEAVES);
        assertEq(second, first + 1, "second id");
        bytes32[] memory proof = _identityProof(0);
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchInvalidProof.selector, second, 0));
        vm.prank(stranger);
        registry.claimIdentity(second, ana, EntityKind.Person, 0, proof);
    }

    function testFuzz_RevertWhen_ClaimingWithAProofForAnotherEntry(
        uint8 proofSeed,
        uint8 accountSeed,
        address random,
        uint8 kindSeed,
        uint32 indexSeed
    ) public {
        uint256 batchId = _anchorIdentities(ministry);
        uint256 proven = proofSeed % 4;
        // Mostly the batch's own accounts, so the failures are about index and kind, not only strangers.
        address account = accountSeed % 5 < 4 ? citizens[accountSeed % 5] : random;
        vm.assume(account != address(0) && !registry.exists(account));
        // The ministry may register every kind, so the proof is the only check left to fail.
        EntityKind kind = EntityKind(_bound(kindSeed, 1, 5));
        uint32 index = uint32(indexSeed % 4);
        vm.assume(account != citizens[proven] || kind != citizenKinds[proven] || index != proven);
        bytes32[] memory proof = _identityProof(proven);
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchInvalidProof.selector, batchId, index));
        vm.prank(stranger);
        registry.claimIdentity(batchId, account, kind, index, proof);
        assertFalse(registry.exists(account), "registered");
    }

    // ---- anchorCredentialBatch ----

    function test_AnchorCredentialBatchStoresTheBatch() public {
        uint256 batchId = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        IPopulationBatches.CredentialBatch memory batch = registry.credentialBatch(batchId);
        assertEq(batch.root, credentialRoot, "root");
        assertEq(batch.issuer, ministry, "issuer");
        assertEq(batch.credentialType, BIRTH_CERTIFICATE, "type");
        assertEq(uint256(batch.level), uint256(CertificationLevel.GovernmentCertified), "level");
        assertEq(batch.validFrom, START, "validFrom");
        assertEq(batch.validUntil, START + VALIDITY, "validUntil");
        assertEq(batch.size, 4, "size");
    }

    function test_AnchorCredentialBatchNumbersBatchesFromOneApartFromIdentityBatches() public {
        _anchorIdentities(ministry);
        assertEq(_anchorCredentials(ministry, BIRTH_CERTIFICATE), 1, "first id");
        assertEq(_anchorCredentials(ministry, PASSPORT), 2, "second id");
    }

    function test_AnchorCredentialBatchEmitsCredentialBatchAnchored() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IPopulationBatches.CredentialBatchAnchored(
            1, ministry, BIRTH_CERTIFICATE, credentialRoot, 4, CertificationLevel.GovernmentCertified
        );
        _anchorCredentials(ministry, BIRTH_CERTIFICATE);
    }

    function test_AnchorCredentialBatchAcceptsPublishedLeavesOfTheSize() public {
        vm.prank(ministry);
        uint256 batchId = registry.anchorCredentialBatch(
            credentialRoot, 4, BIRTH_CERTIFICATE, START, START + VALIDITY, _publishedLeaves(credentialLeaves)
        );
        assertTrue(_isValid(batchId, 0), "valid");
    }

    function test_AnAccreditedIssuersBatchIsAccredited() public {
        _accredit(ministry, university, diploma);
        uint256 batchId = _anchorCredentials(university, diploma);
        assertEq(uint256(registry.credentialBatch(batchId).level), uint256(CertificationLevel.Accredited), "level");
    }

    function test_AnOrganizationsBatchIsUncertified() public {
        uint256 batchId = _anchorCredentials(dealer, diploma);
        assertEq(uint256(registry.credentialBatch(batchId).level), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_ABatchIsUncertifiedOnceItsAccreditorIsSuspended() public {
        _accredit(ministry, university, diploma);
        _suspend(root, ministry);
        uint256 batchId = _anchorCredentials(university, diploma);
        assertEq(uint256(registry.credentialBatch(batchId).level), uint256(CertificationLevel.Uncertified), "level");
    }

    function test_RevertWhen_AnUnregisteredAccountAnchorsCredentials() public {
        vm.expectRevert(abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, stranger));
        _anchorCredentials(stranger, diploma);
    }

    function test_RevertWhen_ASuspendedIssuerAnchorsCredentials() public {
        _suspend(ministry, university);
        vm.expectRevert(
            abi.encodeWithSelector(IEntityRegistry.EntityNotActive.selector, university, EntityStatus.Suspended)
        );
        _anchorCredentials(university, diploma);
    }

    function test_RevertWhen_APersonAnchorsCredentials() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotAnIssuer.selector, alice));
        _anchorCredentials(alice, diploma);
    }

    function test_RevertWhen_AnAdminAnchorsCredentials() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialNotAnIssuer.selector, admin));
        _anchorCredentials(admin, diploma);
    }

    function test_RevertWhen_BatchingAnUnknownType() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeUnknown.selector, 99));
        _anchorCredentials(ministry, 99);
    }

    function test_RevertWhen_BatchingATypeWithASource() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialOperationNotSupported.selector, bytes32(0), SCHOLAR_CURRICULUM
            )
        );
        _anchorCredentials(ministry, SCHOLAR_CURRICULUM);
    }

    function test_RevertWhen_BatchingATransferableType() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialOperationNotSupported.selector, bytes32(0), CAR_TITLE)
        );
        _anchorCredentials(dealer, CAR_TITLE);
    }

    function test_RevertWhen_BatchingAnAppendableType() public {
        vm.prank(root);
        uint8 logbook = registry.defineCredentialType("Logbook", CredentialTypeRules(false, false, false, true, 0));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialOperationNotSupported.selector, bytes32(0), logbook)
        );
        _anchorCredentials(ministry, logbook);
    }

    function test_RevertWhen_ANonGovernmentBatchesBirthCertificates() public {
        // Even an accreditation does not make a government-only type issuable.
        _accredit(ministry, university, BIRTH_CERTIFICATE);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialIssuerNotEntitled.selector, university, BIRTH_CERTIFICATE
            )
        );
        _anchorCredentials(university, BIRTH_CERTIFICATE);
    }

    function test_RevertWhen_TheCredentialWindowIsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialInvalidWindow.selector, START, START));
        vm.prank(ministry);
        registry.anchorCredentialBatch(credentialRoot, 4, PASSPORT, START, START, NO_LEAVES);
    }

    function test_RevertWhen_TheCredentialWindowIsOver() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialInvalidWindow.selector, 0, START));
        vm.prank(ministry);
        registry.anchorCredentialBatch(credentialRoot, 4, PASSPORT, 0, START, NO_LEAVES);
    }

    function test_RevertWhen_ACredentialBatchRootIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchEmptyRoot.selector));
        vm.prank(ministry);
        registry.anchorCredentialBatch(bytes32(0), 4, PASSPORT, START, START + VALIDITY, NO_LEAVES);
    }

    function test_RevertWhen_ACredentialBatchIsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchInvalidSize.selector, 0, 0));
        vm.prank(ministry);
        registry.anchorCredentialBatch(credentialRoot, 0, PASSPORT, START, START + VALIDITY, NO_LEAVES);
    }

    function test_RevertWhen_ACredentialBatchIsTooLarge() public {
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchInvalidSize.selector, MAX_BATCH_SIZE + 1, 0));
        vm.prank(ministry);
        registry.anchorCredentialBatch(credentialRoot, MAX_BATCH_SIZE + 1, PASSPORT, START, START + VALIDITY, NO_LEAVES);
    }

    function test_RevertWhen_PublishedCredentialLeavesDoNotMatchTheSize() public {
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchInvalidSize.selector, 3, 128));
        vm.prank(ministry);
        registry.anchorCredentialBatch(
            credentialRoot, 3, PASSPORT, START, START + VALIDITY, _publishedLeaves(credentialLeaves)
        );
    }

    function testFuzz_OnlyActiveIssuingKindsAnchorCredentials(uint256 actorSeed, address random) public {
        address caller = actorSeed % 3 == 0 ? random : _actors[actorSeed % _actors.length];
        Entity memory record = registry.entity(caller);
        bytes memory expected;
        if (record.status == EntityStatus.None) {
            expected = abi.encodeWithSelector(IEntityRegistry.EntityNotRegistered.selector, caller);
        } else if (
            record.kind != EntityKind.Government && record.kind != EntityKind.Issuer
                && record.kind != EntityKind.Organization
        ) {
            expected = abi.encodeWithSelector(ICredentialRegistry.CredentialNotAnIssuer.selector, caller);
        }
        if (expected.length != 0) vm.expectRevert(expected);
        uint256 batchId = _anchorCredentials(caller, diploma);
        if (expected.length != 0) {
            assertEq(registry.credentialBatch(1).root, bytes32(0), "batch stored");
        } else {
            assertEq(registry.credentialBatch(batchId).issuer, caller, "issuer");
        }
    }

    // ---- revokeBatchCredential ----

    function test_RevokeBatchCredentialSetsOnlyItsBit() public {
        uint256 batchId = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        vm.prank(ministry);
        registry.revokeBatchCredential(batchId, 2);
        for (uint32 i; i < 4; ++i) {
            assertEq(registry.isBatchCredentialRevoked(batchId, i), i == 2, "revoked bit");
            assertEq(_isValid(batchId, i), i != 2, "valid");
        }
    }

    function test_RevokeBatchCredentialEmitsBatchCredentialRevoked() public {
        uint256 batchId = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IPopulationBatches.BatchCredentialRevoked(batchId, 3);
        vm.prank(ministry);
        registry.revokeBatchCredential(batchId, 3);
    }

    function test_RevokeBatchCredentialLeavesOtherBatchesAlone() public {
        uint256 first = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        uint256 second = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        vm.prank(ministry);
        registry.revokeBatchCredential(first, 0);
        assertFalse(_isValid(first, 0), "revoked one valid");
        assertTrue(_isValid(second, 0), "other batch revoked");
    }

    function test_ASuspendedIssuerStillRevokesItsBatchCredentials() public {
        // As with single credentials: losing standing must not stop an issuer from withdrawing what it issued.
        uint256 batchId = _anchorCredentials(university, diploma);
        _suspend(ministry, university);
        vm.prank(university);
        registry.revokeBatchCredential(batchId, 1);
        assertTrue(registry.isBatchCredentialRevoked(batchId, 1), "revoked");
    }

    function test_RevertWhen_RevokingInAnUnknownBatch() public {
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchNotFound.selector, 1));
        vm.prank(ministry);
        registry.revokeBatchCredential(1, 0);
    }

    function test_RevertWhen_RootRevokesAnotherIssuersBatchCredential() public {
        uint256 batchId = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchNotIssuer.selector, root, batchId));
        vm.prank(root);
        registry.revokeBatchCredential(batchId, 0);
    }

    function test_RevertWhen_RevokingOutsideTheBatch() public {
        uint256 batchId = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchIndexOutOfRange.selector, batchId, 4));
        vm.prank(ministry);
        registry.revokeBatchCredential(batchId, 4);
    }

    function test_RevertWhen_RevokingABatchCredentialTwice() public {
        uint256 batchId = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        vm.prank(ministry);
        registry.revokeBatchCredential(batchId, 0);
        vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchCredentialAlreadyRevoked.selector, batchId, 0));
        vm.prank(ministry);
        registry.revokeBatchCredential(batchId, 0);
    }

    function testFuzz_OnlyTheBatchIssuerRevokes(uint256 actorSeed, address random, uint32 indexSeed) public {
        uint256 batchId = _anchorCredentials(university, diploma);
        address caller = actorSeed % 3 == 0 ? random : _actors[actorSeed % _actors.length];
        uint32 index = uint32(indexSeed % 4);
        if (caller != university) {
            vm.expectRevert(abi.encodeWithSelector(IPopulationBatches.BatchNotIssuer.selector, caller, batchId));
        }
        vm.prank(caller);
        registry.revokeBatchCredential(batchId, index);
        assertEq(registry.isBatchCredentialRevoked(batchId, index), caller == university, "revoked");
    }

    // ---- views ----

    function test_UnknownBatchesReadAsZero() public view {
        IPopulationBatches.IdentityBatch memory identities = registry.identityBatch(1);
        assertEq(identities.root, bytes32(0), "identity root");
        assertEq(identities.registrar, address(0), "registrar");
        IPopulationBatches.CredentialBatch memory credentials = registry.credentialBatch(1);
        assertEq(credentials.root, bytes32(0), "credential root");
        assertEq(credentials.issuer, address(0), "issuer");
        assertFalse(registry.isBatchCredentialRevoked(1, 0), "revoked");
    }

    // ---- isBatchCredentialValid ----

    function test_EveryMemberOfABatchIsValid() public {
        uint256 batchId = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        for (uint32 i; i < 4; ++i) {
            assertTrue(_isValid(batchId, i), "member invalid");
        }
    }

    function test_ACredentialOfAnUnknownBatchIsInvalid() public view {
        assertFalse(_isValid(1, 0), "valid");
    }

    function test_AnIndexOutsideTheBatchIsInvalid() public {
        uint256 batchId = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        assertFalse(registry.isBatchCredentialValid(batchId, 4, ana, commitments[0], _credentialProof(0)), "valid");
    }

    function test_AnotherSubjectCommitmentOrIndexIsInvalid() public {
        uint256 batchId = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        bytes32[] memory proof = _credentialProof(0);
        assertFalse(registry.isBatchCredentialValid(batchId, 0, beto, commitments[0], proof), "other subject");
        assertFalse(registry.isBatchCredentialValid(batchId, 0, ana, commitments[1], proof), "other commitment");
        assertFalse(registry.isBatchCredentialValid(batchId, 1, ana, commitments[0], proof), "other index");
        assertFalse(
            registry.isBatchCredentialValid(batchId, 0, ana, commitments[0], _credentialProof(1)), "other proof"
        );
    }

    function test_ABatchCredentialIsValidOnlyInsideTheWindow() public {
        uint32 from = START + 10 days;
        uint32 until = START + 20 days;
        vm.prank(ministry);
        uint256 batchId = registry.anchorCredentialBatch(credentialRoot, 4, PASSPORT, from, until, NO_LEAVES);
        vm.warp(from - 1);
        assertFalse(_isValid(batchId, 0), "valid before validFrom");
        vm.warp(from);
        assertTrue(_isValid(batchId, 0), "invalid at validFrom");
        vm.warp(until - 1);
        assertTrue(_isValid(batchId, 0), "invalid before validUntil");
        vm.warp(until);
        assertFalse(_isValid(batchId, 0), "valid at validUntil");
    }

    function test_ABatchCredentialStaysValidAfterItsIssuerIsSuspended() public {
        // As with single credentials: standing is judged at issuance and recorded as the level.
        uint256 batchId = _anchorCredentials(province, BIRTH_CERTIFICATE);
        _suspend(root, province);
        assertTrue(_isValid(batchId, 0), "invalid");
    }

    function testFuzz_ValidExactlyForMembersInsideTheWindow(uint32 time, uint32 indexSeed, uint8 proofSeed) public {
        uint256 batchId = _anchorCredentials(ministry, BIRTH_CERTIFICATE);
        uint32 index = uint32(indexSeed % 6);
        uint256 proven = proofSeed % 4;
        bytes32[] memory proof = _credentialProof(proven);
        vm.warp(time);
        bool expected = index < 4 && index == proven && time >= START && time < START + VALIDITY;
        assertEq(
            registry.isBatchCredentialValid(batchId, index, citizens[index % 4], commitments[index % 4], proof),
            expected,
            "valid"
        );
    }
}
