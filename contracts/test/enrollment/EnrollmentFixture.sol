// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EnrollmentRegistry} from "../../src/enrollment/EnrollmentRegistry.sol";
import {
    EnrollmentCommitment,
    FieldConfirmation,
    FieldOpening
} from "../../src/interfaces/IEnrollmentRegistry.sol";
import {CredentialRequest, EntityKind} from "../../src/interfaces/IdentityTypes.sol";
import {MerkleTrees} from "../utils/MerkleTrees.sol";
import {RegistryFixture} from "../utils/RegistryFixture.sol";

/// @notice Packs answers as `recordConfirmations` takes them (the SDK's `encodeConfirmationBatch`).
function packBatch(FieldConfirmation[] memory batch) pure returns (bytes memory packed) {
    for (uint256 i; i < batch.length; ++i) {
        FieldConfirmation memory c = batch[i];
        packed = abi.encodePacked(packed, c.field, c.slot, c.agrees, c.r, c.vs);
        if (!c.agrees) packed = abi.encodePacked(packed, c.textHash);
    }
}

/// @notice The cheatcodes enrollment tests need beyond `Vm`.
interface VmEnrollment {
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function roll(uint256 newHeight) external;
}

/// @notice The registry fixture plus an enrollment registry with a pool of 30 verifiers and alice's
/// ten-field document, recorded and sealed.
/// @dev Verifiers are persons registered by `admin` and accredited by `ministry`; verifier `i`'s key is
/// `keccak256("verifier", i)`. Field `i`'s crop hash is `keccak256("crop", i)` and its text hash
/// `keccak256("text", i)`.
abstract contract EnrollmentFixture is RegistryFixture {
    VmEnrollment internal constant vmx = VmEnrollment(address(vm));
    uint256 internal constant POOL = 30;
    uint8 internal constant FIELDS = 10;

    EnrollmentRegistry internal enrollments;
    uint256[] internal verifierKeys;
    mapping(address verifier => uint256 key) internal keyOf;

    bytes32 internal imageHash = keccak256("photo");
    bytes32[] internal fieldLeaves;
    bytes32 internal fieldsRoot;
    bytes32 internal id;

    function setUp() public virtual override {
        super.setUp();
        enrollments = new EnrollmentRegistry(address(registry));
        vm.label(address(enrollments), "enrollments");
        for (uint256 i; i < POOL; ++i) _addVerifier(i);
        for (uint8 f; f < FIELDS; ++f) fieldLeaves.push(_fieldLeaf(f));
        fieldsRoot = MerkleTrees.root(fieldLeaves);
        vmx.roll(100);
        vm.prank(alice);
        id = enrollments.enroll(imageHash, fieldsRoot, FIELDS);
        vmx.roll(101);
        enrollments.sealBeacon(id);
    }

    function _addVerifier(uint256 i) internal returns (address verifier) {
        uint256 key = uint256(keccak256(abi.encode("verifier", i)));
        verifier = vm.addr(key);
        verifierKeys.push(key);
        keyOf[verifier] = key;
        _register(admin, verifier, EntityKind.Person);
        vm.prank(ministry);
        enrollments.accreditVerifier(verifier);
    }

    function _fieldLeaf(uint8 f) internal pure returns (bytes32) {
        return keccak256(abi.encode(f, _crop(f), _text(f)));
    }

    function _crop(uint8 f) internal pure returns (bytes32) {
        return keccak256(abi.encode("crop", f));
    }

    function _text(uint8 f) internal pure returns (bytes32) {
        return keccak256(abi.encode("text", f));
    }

    function _commitment() internal view returns (EnrollmentCommitment memory) {
        return EnrollmentCommitment({enrollee: alice, imageHash: imageHash, fieldsRoot: fieldsRoot});
    }

    function _opening(uint8 f) internal view returns (FieldOpening memory) {
        return FieldOpening({fieldHash: _crop(f), textHash: _text(f), proof: MerkleTrees.proof(fieldLeaves, f)});
    }

    /// @dev `signer`'s answer for slot `slot` of field `f`, signed for `signedAs` (normally the signer).
    function _signedBy(uint256 key, address signedAs, uint8 f, uint8 slot, bool agrees, bytes32 correction)
        internal
        view
        returns (FieldConfirmation memory c)
    {
        bytes32 text = agrees ? _text(f) : correction;
        bytes32 digest = enrollments.confirmationDigest(id, f, _crop(f), text, agrees, signedAs);
        (uint8 v, bytes32 r, bytes32 s) = vmx.sign(key, digest);
        // EIP-2098: the parity of v goes in the top bit of s.
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        c = FieldConfirmation({field: f, slot: slot, agrees: agrees, textHash: agrees ? bytes32(0) : correction, r: r, vs: vs});
    }

    /// @dev The assigned verifier's own answer.
    function _answer(uint8 f, uint8 slot, bool agrees) internal view returns (FieldConfirmation memory) {
        address v = enrollments.assignedVerifier(id, f, slot);
        return _signedBy(keyOf[v], v, f, slot, agrees, keccak256("corrected"));
    }

    /// @dev Every first-round slot of every field, agreeing.
    function _fullBatch() internal view returns (FieldConfirmation[] memory batch) {
        batch = new FieldConfirmation[](uint256(FIELDS) * 3);
        for (uint8 f; f < FIELDS; ++f) {
            for (uint8 s; s < 3; ++s) batch[f * 3 + s] = _answer(f, s, true);
        }
    }

    function _record(FieldConfirmation[] memory batch) internal returns (uint16) {
        vm.prank(university);
        return enrollments.recordConfirmations(id, packBatch(batch));
    }

    function _one(FieldConfirmation memory c) internal pure returns (FieldConfirmation[] memory batch) {
        batch = new FieldConfirmation[](1);
        batch[0] = c;
    }

    /// @dev Alice's passport from the ministry, the identity provider of these tests.
    function _anchorEnrollmentCredential(bytes32 commitment) internal {
        vm.prank(ministry);
        registry.anchorCredential(
            CredentialRequest({
                subject: alice,
                credentialType: PASSPORT,
                validFrom: START,
                validUntil: START + VALIDITY,
                commitment: commitment,
                source: bytes32(0)
            })
        );
    }

    /// @dev A proof for leaf `i` of OpenZeppelin's simple tree (leaves unsorted), as the registry builds it.
    function _batchProof(bytes32[] memory leaves, uint256 i) internal pure returns (bytes32[] memory proof) {
        uint256 n = leaves.length;
        bytes32[] memory tree = new bytes32[](2 * n - 1);
        for (uint256 j; j < n; ++j) tree[2 * n - 2 - j] = leaves[j];
        for (uint256 j = n - 1; j > 0; --j) {
            bytes32 a = tree[2 * j - 1];
            bytes32 b = tree[2 * j];
            tree[j - 1] = a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
        }
        uint256 depth;
        for (uint256 k = 2 * n - 2 - i; k > 0; k = (k - 1) / 2) ++depth;
        proof = new bytes32[](depth);
        uint256 node = 2 * n - 2 - i;
        for (uint256 d; d < depth; ++d) {
            proof[d] = tree[node % 2 == 1 ? node + 1 : node - 1];
            node = (node - 1) / 2;
        }
    }

    function _leaves(FieldConfirmation[] memory batch) internal pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](batch.length);
        for (uint256 i; i < batch.length; ++i) leaves[i] = keccak256(abi.encode(batch[i]));
    }
}
