// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {
    ConfirmationFault,
    Enrollment,
    EnrollmentCommitment,
    EnrollmentConfig,
    EnrollmentStatus,
    FieldOpening,
    FieldConfirmation,
    FieldOutcome,
    IEnrollmentRegistry
} from "../interfaces/IEnrollmentRegistry.sol";
import {ICredentialRegistry} from "../interfaces/ICredentialRegistry.sol";
import {IEntityRegistry} from "../interfaces/IEntityRegistry.sol";
import {IRootAuthority} from "../interfaces/IRootAuthority.sol";
import {CertificationLevel, Credential, Entity, EntityKind, EntityStatus} from "../interfaces/IdentityTypes.sol";

/// @title Identree enrollment registry
/// @notice See IEnrollmentRegistry. A separate contract because the identity registry is at EIP-170's limit.
contract EnrollmentRegistry is IEnrollmentRegistry, EIP712 {
    bytes32 private constant _CONFIRMATION_TYPEHASH = keccak256(
        "FieldConfirmation(bytes32 enrollment,uint8 field,bytes32 fieldHash,bytes32 textHash,bool agrees,address verifier)"
    );
    bytes32 private constant _ENROLL_TYPEHASH =
        keccak256("Enroll(address enrollee,bytes32 imageHash,bytes32 fieldsRoot,uint8 fieldCount,uint256 deadline)");
    uint16 private constant _INITIAL_REPUTATION = 100;
    uint16 private constant _MAX_REPUTATION = 1000;
    uint16 private constant _AGREEMENT_GAIN = 10;
    uint8 private constant _MAX_FIELDS = 32;

    /// @dev Everything stored about one enrollment, in one slot: written when it is recorded, updated by each
    /// batch. The enrollee is not kept (the id commits to it; calls that need it take the commitment).
    struct Doc {
        uint40 enrolledAt;
        uint8 fieldCount;
        uint16 poolSize;
        uint16 quorum;
        uint8 perField;
        uint8 maxRounds;
        uint16 a;
        uint16 b;
        uint64 outcomes; // 2 bits per field
        uint32 touched; // fields with a stored tally (left undecided by a batch)
        uint16 batches;
        uint8 status; // 0 open, 1 attested, 2 disputed
        bool beaconSealed;
    }

    // A field's tally, one word, in memory while a batch is counted and in storage while the field stays
    // undecided: confirming weight, correcting weight, answered slots, agreeing slots, extra rounds opened.
    uint256 private constant _CORRECT_SHIFT = 32;
    uint256 private constant _ANSWERED_SHIFT = 64;
    uint256 private constant _AGREED_SHIFT = 128;
    uint256 private constant _ROUNDS_SHIFT = 192;
    uint256 private constant _WEIGHT_MASK = 0xffffffff;
    uint256 private constant _SLOTS_MASK = 0xffffffffffffffff;
    /// @dev Set in memory only: the field was seen in this batch.
    uint256 private constant _SEEN = 1 << 255;
    /// @dev A packed answer without a correction: field, slot, agrees, r, vs.
    uint256 private constant _ANSWER_BYTES = 67;

    address private immutable _registry;
    /// @dev The configuration beside the pool's size, so that `enroll` reads one slot for both.
    struct Settings {
        uint16 quorum;
        uint8 perField;
        uint8 maxFieldsPerVerifier;
        uint8 maxRounds;
        uint16 poolSize;
    }

    Settings private _settings;
    address[] private _pool;
    mapping(address verifier => uint256 indexPlusOne) private _poolIndex;
    /// @dev 16 reputations of 16 bits per word: a batch of 30 confirmations touches two or three words, not 30.
    mapping(uint256 word => uint256 reputations) private _reputation;
    mapping(bytes32 enrollment => Doc doc) private _docs;
    mapping(bytes32 enrollment => mapping(uint256 field => uint256 tally)) private _tallies;
    mapping(bytes32 enrollment => mapping(uint256 batch => bytes32 root)) private _batchRoots;
    mapping(bytes32 enrollment => uint256 fields) private _falseFields;
    mapping(bytes32 enrollment => mapping(uint256 field => uint256 slots)) private _penalised;

    constructor(address identityRegistry_) EIP712("Identree Enrollment", "1") {
        _registry = identityRegistry_;
        _settings = Settings({quorum: 200, perField: 3, maxFieldsPerVerifier: 2, maxRounds: 2, poolSize: 0});
    }

    // ---- configuration and verifiers ----

    /// @inheritdoc IEnrollmentRegistry
    function identityRegistry() external view returns (address) {
        return _registry;
    }

    /// @inheritdoc IEnrollmentRegistry
    function configure(EnrollmentConfig calldata config_) external {
        if (msg.sender != IRootAuthority(_registry).root()) revert EnrollmentUnauthorized(msg.sender);
        bool ok = config_.quorum != 0 && config_.perField != 0 && config_.maxFieldsPerVerifier != 0
            && config_.maxRounds != 0 && uint256(config_.perField) * config_.maxRounds <= 64;
        if (!ok) revert EnrollmentConfigInvalid(config_);
        Settings storage settings = _settings;
        settings.quorum = config_.quorum;
        settings.perField = config_.perField;
        settings.maxFieldsPerVerifier = config_.maxFieldsPerVerifier;
        settings.maxRounds = config_.maxRounds;
        emit EnrollmentConfigured(config_);
    }

    /// @inheritdoc IEnrollmentRegistry
    function config() external view returns (EnrollmentConfig memory) {
        Settings memory c = _settings;
        return EnrollmentConfig({
            quorum: c.quorum, perField: c.perField, maxFieldsPerVerifier: c.maxFieldsPerVerifier, maxRounds: c.maxRounds
        });
    }

    /// @inheritdoc IEnrollmentRegistry
    function accreditVerifier(address verifier) external returns (uint16 index) {
        _requireKind(msg.sender, EntityKind.Government, EntityKind.Government, EnrollmentNotAGovernment.selector);
        _requireKind(verifier, EntityKind.Person, EntityKind.Organization, EnrollmentVerifierIneligible.selector);
        if (_poolIndex[verifier] != 0) revert EnrollmentVerifierAlreadyAccredited(verifier);
        uint256 length = _pool.length;
        if (length == type(uint16).max) revert EnrollmentPoolFull();
        // forge-lint: disable-next-line(unsafe-typecast)
        index = uint16(length); // checked just above
        _pool.push(verifier);
        _settings.poolSize = index + 1; // below 2^16 - 1, checked above
        _poolIndex[verifier] = length + 1;
        _setReputation(length, _INITIAL_REPUTATION);
        emit VerifierAccredited(verifier, msg.sender, index);
    }

    /// @inheritdoc IEnrollmentRegistry
    function withdrawVerifier(address verifier) external {
        _requireKind(msg.sender, EntityKind.Government, EntityKind.Government, EnrollmentNotAGovernment.selector);
        _setReputation(verifierIndex(verifier), 0);
        emit VerifierWithdrawn(verifier, msg.sender);
    }

    /// @inheritdoc IEnrollmentRegistry
    function verifierCount() external view returns (uint256) {
        return _pool.length;
    }

    /// @inheritdoc IEnrollmentRegistry
    function verifierAt(uint256 index) external view returns (address) {
        return _pool[index];
    }

    /// @inheritdoc IEnrollmentRegistry
    function verifierIndex(address verifier) public view returns (uint16) {
        uint256 plusOne = _poolIndex[verifier];
        if (plusOne == 0) revert EnrollmentVerifierUnknown(verifier);
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint16(plusOne - 1); // accreditVerifier keeps the pool under 2^16
    }

    /// @inheritdoc IEnrollmentRegistry
    function reputationOf(address verifier) external view returns (uint16) {
        return _reputationAt(verifierIndex(verifier));
    }

    // ---- enrollments ----

    /// @inheritdoc IEnrollmentRegistry
    function enroll(bytes32 imageHash, bytes32 fieldsRoot, uint8 fieldCount) external returns (bytes32 id) {
        id = _record(msg.sender, imageHash, fieldsRoot, fieldCount);
    }

    /// @inheritdoc IEnrollmentRegistry
    function enrollFromSignature(
        address enrollee,
        bytes32 imageHash,
        bytes32 fieldsRoot,
        uint8 fieldCount,
        uint256 deadline,
        bytes calldata signature
    ) external returns (bytes32 id) {
        if (block.timestamp > deadline) revert EnrollmentSignatureExpired(deadline);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(_ENROLL_TYPEHASH, enrollee, imageHash, fieldsRoot, fieldCount, deadline))
        );
        // No nonce: the id commits to the enrollee and the document, and a recorded id is refused, so a
        // message records its enrollment once at most.
        if (!SignatureChecker.isValidSignatureNowCalldata(enrollee, digest, signature)) {
            revert EnrollmentSignatureInvalid(enrollee);
        }
        id = _record(enrollee, imageHash, fieldsRoot, fieldCount);
    }

    /// @inheritdoc IEnrollmentRegistry
    function enrollmentId(address enrollee, bytes32 imageHash, bytes32 fieldsRoot) public pure returns (bytes32) {
        return keccak256(abi.encode(enrollee, imageHash, fieldsRoot));
    }

    /// @inheritdoc IEnrollmentRegistry
    function enrollment(bytes32 id) external view returns (Enrollment memory e) {
        Doc memory d = _docs[id];
        if (d.fieldCount == 0) return e;
        e = Enrollment({
            enrolledAt: d.enrolledAt,
            fieldCount: d.fieldCount,
            poolSize: d.poolSize,
            config: EnrollmentConfig({quorum: d.quorum, perField: d.perField, maxFieldsPerVerifier: 0, maxRounds: d.maxRounds}),
            status: EnrollmentStatus(d.status + 1),
            beaconSealed: d.beaconSealed,
            batches: d.batches
        });
    }

    /// @inheritdoc IEnrollmentRegistry
    function sealBeacon(bytes32 id) external {
        Doc memory d = _doc(id);
        if (d.beaconSealed) return;
        _seal(id, d);
        _docs[id] = d;
    }

    /// @inheritdoc IEnrollmentRegistry
    function assignedVerifier(bytes32 id, uint8 field, uint8 slot) public view returns (address) {
        Doc memory d = _doc(id);
        // Before the beacon is stored, the draw is read from the block hash itself, so verifiers can
        // start at once and the first batch stores it.
        if (!d.beaconSealed) (d.a, d.b,) = _draw(id, d);
        if (field >= d.fieldCount) revert EnrollmentFieldUnknown(id, field);
        if (slot >= uint256(d.perField) * d.maxRounds) revert EnrollmentSlotNotOpen(id, field, slot);
        return _pool[_position(d, field, slot)];
    }

    /// @inheritdoc IEnrollmentRegistry
    function roundsOf(bytes32 id, uint8 field) external view returns (uint8) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint8(_tallies[id][field] >> _ROUNDS_SHIFT) + 1; // at most 64 rounds
    }

    /// @inheritdoc IEnrollmentRegistry
    function fieldOutcome(bytes32 id, uint8 field) external view returns (FieldOutcome) {
        return _outcome(_docs[id].outcomes, field);
    }

    /// @inheritdoc IEnrollmentRegistry
    function batchRoot(bytes32 id, uint16 batch) external view returns (bytes32) {
        return _batchRoots[id][batch];
    }

    // ---- confirmations ----

    /// @inheritdoc IEnrollmentRegistry
    function recordConfirmations(bytes32 id, bytes calldata batch) external returns (uint16) {
        _requireKind(msg.sender, EntityKind.Government, EntityKind.Issuer, EnrollmentNotAnIdentityProvider.selector);
        return _recordBatch(id, batch);
    }

    /// @inheritdoc IEnrollmentRegistry
    function recordAndAttest(EnrollmentCommitment calldata commitment, bytes calldata batch, bytes32 credentialCommitment)
        external
        returns (uint16 batchIndex, bytes32 credential)
    {
        _requireKind(msg.sender, EntityKind.Government, EntityKind.Issuer, EnrollmentNotAnIdentityProvider.selector);
        bytes32 id = _idOf(commitment);
        batchIndex = _recordBatch(id, batch);
        credential = _attest(id, commitment.enrollee, credentialCommitment);
    }

    /// @inheritdoc IEnrollmentRegistry
    function confirmField(
        EnrollmentCommitment calldata commitment,
        FieldConfirmation calldata c,
        FieldOpening calldata opening
    ) external returns (uint16 batch) {
        bytes32 id = _idOf(commitment);
        Doc memory d = _open(id);
        uint256[] memory work = _work(id, d);
        _count(id, d, work, (uint256(c.field) << 16) | (uint256(c.slot) << 8) | (c.agrees ? 1 : 0), c.textHash);
        _requireCommitted(id, commitment.fieldsRoot, c.field, opening);
        address assigned = _pool[_position(d, c.field, c.slot)];
        if (_signer(id, c, opening, assigned) != assigned) {
            revert EnrollmentVerifierNotAssigned(id, c.field, c.slot, assigned);
        }
        if (!_standing(assigned)) revert EnrollmentVerifierInactive(assigned);
        return _close(id, d, work, keccak256(abi.encode(c)), 1);
    }

    /// @inheritdoc IEnrollmentRegistry
    function confirmationDigest(
        bytes32 id,
        uint8 field,
        bytes32 fieldHash,
        bytes32 textHash,
        bool agrees,
        address verifier
    ) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(_CONFIRMATION_TYPEHASH, id, field, fieldHash, textHash, agrees, verifier))
        );
    }

    /// @inheritdoc IEnrollmentRegistry
    function confirmationFault(
        EnrollmentCommitment calldata commitment,
        uint16 batch,
        FieldConfirmation calldata c,
        bytes32[] calldata batchProof,
        FieldOpening calldata opening
    ) public view returns (ConfirmationFault fault, address verifier) {
        bytes32 id = _idOf(commitment);
        Doc memory d = _doc(id);
        bytes32 root = _batchRoots[id][batch];
        if (root == 0 || !MerkleProof.verifyCalldata(batchProof, root, keccak256(abi.encode(c)))) {
            revert EnrollmentConfirmationNotRecorded(id, batch);
        }
        _requireCommitted(id, commitment.fieldsRoot, c.field, opening);
        // Recorded, so the field and slot were checked against the document when the batch was tallied.
        verifier = _pool[_position(d, c.field, c.slot)];
        if (_signer(id, c, opening, verifier) != verifier) return (ConfirmationFault.SignatureNotByAssignedVerifier, verifier);
        if (!_standing(verifier)) return (ConfirmationFault.VerifierNotActive, verifier);
    }

    /// @inheritdoc IEnrollmentRegistry
    function challengeConfirmation(
        EnrollmentCommitment calldata commitment,
        uint16 batch,
        FieldConfirmation calldata c,
        bytes32[] calldata batchProof,
        FieldOpening calldata opening
    ) external {
        (ConfirmationFault fault,) = confirmationFault(commitment, batch, c, batchProof, opening);
        bytes32 id = _idOf(commitment);
        // A verifier withdrawn since it answered does not make its earlier answer forged.
        if (fault != ConfirmationFault.SignatureNotByAssignedVerifier) revert EnrollmentChallengeUnfounded(id, batch);
        _docs[id].status = 2;
        emit EnrollmentDisputed(id, batch, msg.sender, fault);
    }

    /// @inheritdoc IEnrollmentRegistry
    function reportFalseField(bytes32 id, uint8 field) external {
        _requireKind(msg.sender, EntityKind.Government, EntityKind.Government, EnrollmentNotAGovernment.selector);
        if (field >= _doc(id).fieldCount) revert EnrollmentFieldUnknown(id, field);
        // forge-lint: disable-next-line(incorrect-shift)
        _falseFields[id] |= 1 << field;
        _docs[id].status = 2;
        emit FieldFoundFalse(id, field, msg.sender);
    }

    /// @inheritdoc IEnrollmentRegistry
    function penaliseConfirmation(
        EnrollmentCommitment calldata commitment,
        uint16 batch,
        FieldConfirmation calldata c,
        bytes32[] calldata batchProof,
        FieldOpening calldata opening
    ) external {
        (ConfirmationFault fault, address verifier) = confirmationFault(commitment, batch, c, batchProof, opening);
        bytes32 id = _idOf(commitment);
        // forge-lint: disable-next-line(incorrect-shift)
        uint256 bit = 1 << c.slot;
        // A forged confirmation is the batch's fault (challengeConfirmation), not the verifier's.
        bool founded = fault != ConfirmationFault.SignatureNotByAssignedVerifier && c.agrees
            && (_falseFields[id] >> c.field) & 1 == 1 && _penalised[id][c.field] & bit == 0;
        if (!founded) revert EnrollmentPenaltyUnfounded(id, c.field, c.slot);
        _penalised[id][c.field] |= bit;
        uint256 index = _poolIndex[verifier] - 1;
        _setReputation(index, _reputationAt(index) / 2);
        emit VerifierPenalised(verifier, id, c.field);
    }

    /// @inheritdoc IEnrollmentRegistry
    function attest(EnrollmentCommitment calldata commitment, bytes32 credentialCommitment)
        external
        returns (bytes32 credential)
    {
        return _attest(_idOf(commitment), commitment.enrollee, credentialCommitment);
    }

    // ---- internals ----
    // Casts below stay in range: at most 32 fields (2 bits each in 64), 64 slots per field, a pool under
    // 2^16 (so a, b < 2^16), weights at most 1,000 per slot. Shifts are `1 << index` on purpose.
    // forge-lint: disable-start(unsafe-typecast)
    // forge-lint: disable-start(incorrect-shift)

    function _attest(bytes32 id, address enrollee, bytes32 credentialCommitment) private returns (bytes32 credential) {
        Doc memory d = _doc(id);
        if (d.status != 0) revert EnrollmentNotOpen(id, EnrollmentStatus(d.status + 1));
        // Every field Confirmed (01) is 0x55… over the document's 2·fieldCount bits.
        uint256 all = ((1 << (2 * uint256(d.fieldCount))) - 1) & (type(uint256).max / 3);
        if (d.outcomes != all) {
            for (uint8 f; f < d.fieldCount; ++f) {
                FieldOutcome o = _outcome(d.outcomes, f);
                if (o != FieldOutcome.Confirmed) revert EnrollmentFieldNotConfirmed(id, f, o);
            }
        }
        credential = keccak256(abi.encode(msg.sender, credentialCommitment));
        Credential memory c = ICredentialRegistry(_registry).credential(credential);
        bool ok = c.subject == enrollee && !c.revoked && c.level != CertificationLevel.Uncertified
            && c.validFrom <= block.timestamp && block.timestamp < c.validUntil;
        if (!ok) revert EnrollmentCredentialInvalid(credential, enrollee);
        _docs[id].status = 1;
        emit EnrollmentAttested(id, credential, msg.sender);
    }

    /// @dev `enroll`'s body for `enrollee`, shared with `enrollFromSignature`: one copy of the checks costs
    /// `enroll` 92 gas (0.16 %) against two copies that could drift apart.
    function _record(address enrollee, bytes32 imageHash, bytes32 fieldsRoot, uint8 fieldCount) private returns (bytes32 id) {
        _requireKind(enrollee, EntityKind.Person, EntityKind.Person, EnrollmentNotAPerson.selector);
        if (imageHash == 0 || fieldsRoot == 0 || fieldCount == 0 || fieldCount > _MAX_FIELDS) {
            revert EnrollmentCommitmentInvalid(imageHash, fieldsRoot, fieldCount);
        }
        Settings memory c = _settings;
        uint256 poolSize = c.poolSize;
        uint256 perFieldSlots = uint256(c.perField) * c.maxRounds;
        uint256 slots = perFieldSlots * fieldCount;
        // A pool at least one field's slots wide keeps a field's verifiers distinct; n·k ≥ slots bounds each
        // verifier to k appearances (see the interface notice).
        if (poolSize < perFieldSlots || poolSize * c.maxFieldsPerVerifier < slots || poolSize > type(uint16).max) {
            revert EnrollmentPoolTooSmall(poolSize, slots, c.maxFieldsPerVerifier);
        }
        id = enrollmentId(enrollee, imageHash, fieldsRoot);
        if (_docs[id].fieldCount != 0) revert EnrollmentAlreadyRecorded(id);
        Doc storage d = _docs[id];
        d.enrolledAt = uint40(block.number);
        d.fieldCount = fieldCount;
        // forge-lint: disable-next-line(unsafe-typecast)
        d.poolSize = uint16(poolSize); // the pool is kept under 2^16
        d.quorum = c.quorum;
        d.perField = c.perField;
        d.maxRounds = c.maxRounds;
        emit EnrollmentRecorded(id, enrollee, imageHash, fieldsRoot, fieldCount);
    }


    function _requireKind(address account, EntityKind k1, EntityKind k2, bytes4 selector) private view {
        Entity memory e = IEntityRegistry(_registry).entity(account);
        if (e.status != EntityStatus.Active || (e.kind != k1 && e.kind != k2)) {
            assembly ("memory-safe") {
                mstore(0, selector)
                mstore(4, account)
                revert(0, 0x24)
            }
        }
    }

    function _doc(bytes32 id) private view returns (Doc memory d) {
        d = _docs[id];
        if (d.fieldCount == 0) revert EnrollmentUnknown(id);
    }

    function _seal(bytes32 id, Doc memory d) private {
        bytes32 seed;
        (d.a, d.b, seed) = _draw(id, d);
        d.beaconSealed = true;
        emit BeaconSealed(id, seed, d.a, d.b);
    }

    function _draw(bytes32 id, Doc memory d) private view returns (uint16, uint16, bytes32 seed) {
        bytes32 beacon = blockhash(d.enrolledAt);
        if (beacon == 0) revert EnrollmentBeaconUnavailable(id, d.enrolledAt);
        seed = keccak256(abi.encode(beacon, id));
        uint256 n = d.poolSize;
        uint256 a = uint256(seed) % n;
        uint256 b = n == 1 ? 1 : 1 + (uint256(seed) >> 128) % (n - 1);
        // Walks 1..n-1 at most once, and gcd(1, n) = 1 ends it (n = 1 starts at b = 1). Euclid's algorithm
        // in assembly: in Solidity the walk cost up to 3,000 gas, which moved the batch's gas from one
        // beacon to the next.
        assembly ("memory-safe") {
            for {} 1 {} {
                let x := b
                for { let y := n } y {} {
                    let t := mod(x, y)
                    x := y
                    y := t
                }
                if eq(x, 1) { break }
                b := add(mod(b, sub(n, 1)), 1)
            }
        }
        return (uint16(a), uint16(b), seed);
    }

    /// @dev Slot `slot` of field `field` is document slot `field · perField · maxRounds + slot`.
    function _position(Doc memory d, uint256 field, uint256 slot) private pure returns (uint256) {
        unchecked {
            uint256 i = field * d.perField * d.maxRounds + slot;
            return (uint256(d.a) + i * d.b) % d.poolSize;
        }
    }

    function _open(bytes32 id) private returns (Doc memory d) {
        d = _doc(id);
        if (d.status != 0) revert EnrollmentNotOpen(id, EnrollmentStatus(d.status + 1));
        if (!d.beaconSealed) _seal(id, d);
    }

    /// @dev Reads the packed answers (see `recordConfirmations`), counts each, and builds the batch's tree
    /// over their `FieldConfirmation` leaves.
    function _recordBatch(bytes32 id, bytes calldata batch) private returns (uint16) {
        Doc memory d = _open(id);
        uint256[] memory work = _work(id, d);
        // Leaf i goes to tree[2·max − 2 − i], so that the n leaves end where OpenZeppelin's simple tree of n
        // leaves wants them, with its n − 1 nodes just before: no copy (see `_merkleRoot`).
        uint256 max = batch.length / _ANSWER_BYTES;
        if (max == 0) revert EnrollmentBatchEmpty();
        bytes32[] memory tree = new bytes32[](2 * max - 1);
        uint256 doc = _docWord(d) | (uint256(d.outcomes) << 128);
        uint256 p;
        assembly ("memory-safe") {
            p := batch.offset
        }
        (uint256 fault, uint256 head, uint256 count) = _countBatch(p, p + batch.length, work, tree, doc);
        if (fault != 0) _refuse(id, d, fault, head, count);
        return _close(id, d, work, _merkleRoot(tree, count), count);
    }

    /// @dev The per-answer loop, in assembly because it runs once per answer. Its checks are `_count`'s
    /// (which `confirmField` uses); a failed one stops it with a code that `_refuse` turns into the same
    /// typed error. `doc` is `_recordBatch`'s word; leaf i, keccak256(abi.encode(FieldConfirmation)), goes to
    /// `tree[tree.length − 1 − i]`.
    function _countBatch(uint256 p, uint256 end, uint256[] memory work, bytes32[] memory tree, uint256 doc)
        private
        view
        returns (uint256 fault, uint256 head, uint256 count)
    {
        assembly ("memory-safe") {
            for {} lt(p, end) {} {
                // head: field, slot, agrees (a byte each)
                head := shr(232, calldataload(p))
                let text := 0
                let next := add(p, _ANSWER_BYTES)
                if iszero(and(head, 0xff)) {
                    text := calldataload(next)
                    next := add(next, 0x20)
                }
                if or(gt(and(head, 0xff), 1), gt(next, end)) {
                    fault := 1
                    break
                }
                if iszero(lt(shr(16, head), and(shr(64, doc), 0xff))) {
                    fault := 2
                    break
                }
                if and(shr(shl(1, shr(16, head)), shr(128, doc)), 3) {
                    fault := 3
                    break
                }
                let wp := add(add(work, 0x20), shl(5, shr(16, head)))
                let w := or(mload(wp), _SEEN)
                // slot < perField · rounds opened
                if iszero(lt(and(shr(8, head), 0xff), mul(and(shr(56, doc), 0xff), add(and(shr(_ROUNDS_SHIFT, w), 0xff), 1)))) {
                    fault := 4
                    break
                }
                let bit := shl(add(_ANSWERED_SHIFT, and(shr(8, head), 0xff)), 1)
                if and(w, bit) {
                    fault := 5
                    break
                }
                if iszero(or(and(head, 0xff), text)) {
                    fault := 6
                    break
                }
                // _position: (a + (field · slotsPerField + slot) · b) mod n; then _reputationAt
                let index := mod(
                    add(
                        and(doc, 0xffff),
                        mul(add(mul(shr(16, head), and(shr(48, doc), 0xff)), and(shr(8, head), 0xff)), and(shr(16, doc), 0xffff))
                    ),
                    and(shr(32, doc), 0xffff)
                )
                mstore(0, shr(4, index))
                mstore(0x20, _reputation.slot)
                index := and(shr(shl(4, and(index, 15)), sload(keccak256(0, 0x40))), 0xffff) // the weight
                switch and(head, 0xff)
                case 1 { w := add(or(w, or(bit, shl(64, bit))), index) }
                default { w := add(or(w, bit), shl(_CORRECT_SHIFT, index)) }
                mstore(wp, w)
                // The leaf, in scratch memory past the free pointer (not kept).
                wp := mload(0x40)
                mstore(wp, shr(16, head))
                mstore(add(wp, 0x20), and(shr(8, head), 0xff))
                mstore(add(wp, 0x40), and(head, 0xff))
                mstore(add(wp, 0x60), text)
                calldatacopy(add(wp, 0x80), add(p, 3), 0x40)
                mstore(add(tree, shl(5, sub(mload(tree), count))), keccak256(wp, 0xc0))
                count := add(count, 1)
                p := next
            }
        }
    }

    /// @dev The typed error for the answer `_recordBatch` stopped at.
    function _refuse(bytes32 id, Doc memory d, uint256 fault, uint256 head, uint256 index) private pure {
        uint8 field = uint8(head >> 16);
        uint8 slot = uint8(head >> 8);
        if (fault == 1) revert EnrollmentBatchMalformed(index);
        if (fault == 2) revert EnrollmentFieldUnknown(id, field);
        if (fault == 3) revert EnrollmentFieldDecided(id, field, _outcome(d.outcomes, field));
        if (fault == 4) revert EnrollmentSlotNotOpen(id, field, slot);
        if (fault == 5) revert EnrollmentSlotAnswered(id, field, slot);
        revert EnrollmentCorrectionWithoutText(field);
    }

    /// @dev A working tally per field, holding the stored tally of each field a batch left undecided.
    function _work(bytes32 id, Doc memory d) private view returns (uint256[] memory work) {
        work = new uint256[](d.fieldCount);
        if (d.touched == 0) return work;
        for (uint256 f; f < work.length; ++f) {
            if (d.touched & (1 << f) != 0) work[f] = _tallies[id][f];
        }
    }

    /// @dev Checks and counts one answer (`head`: field, slot, agrees) into its field's working tally.
    function _count(bytes32 id, Doc memory d, uint256[] memory work, uint256 head, bytes32 textHash) private view {
        uint256 field = head >> 16;
        uint256 slot = (head >> 8) & 0xff;
        bool agrees = head & 0xff == 1;
        if (field >= d.fieldCount) revert EnrollmentFieldUnknown(id, uint8(field));
        FieldOutcome o = _outcome(d.outcomes, field);
        if (o != FieldOutcome.Pending) revert EnrollmentFieldDecided(id, uint8(field), o);
        uint256 w = work[field] | _SEEN;
        if (slot >= uint256(d.perField) * (((w >> _ROUNDS_SHIFT) & 0xff) + 1)) {
            revert EnrollmentSlotNotOpen(id, uint8(field), uint8(slot));
        }
        uint256 bit = 1 << slot;
        if ((w >> _ANSWERED_SHIFT) & bit != 0) revert EnrollmentSlotAnswered(id, uint8(field), uint8(slot));
        uint256 weight = _reputationAt(_position(d, field, slot));
        // Weights stay under 2^17 (64 slots of at most 1,000), so the sums never carry into the next part.
        if (agrees) {
            w = (w | (bit << _ANSWERED_SHIFT) | (bit << _AGREED_SHIFT)) + weight;
        } else {
            if (textHash == 0) revert EnrollmentCorrectionWithoutText(uint8(field));
            w = (w | (bit << _ANSWERED_SHIFT)) + (weight << _CORRECT_SHIFT);
        }
        work[field] = w;
    }

    /// @dev Decides the fields a batch touched, pays reputations, stores what stays undecided and the root.
    function _close(bytes32 id, Doc memory d, uint256[] memory work, bytes32 root, uint256 count)
        private
        returns (uint16 batch)
    {
        uint256 doc = _docWord(d);
        uint256 outcomes = d.outcomes;
        uint256 touched = d.touched;
        uint256 decided; // bit f: confirmed; bit 32 + f: rejected
        for (uint256 f; f < work.length; ++f) {
            uint256 w = work[f];
            if (w & _SEEN == 0) continue;
            uint256 o = _verdict(w, doc);
            uint256 fieldBit = 1 << f;
            if (o == 0 || o == 3) {
                _keep(id, f, w, o == 3);
                touched |= fieldBit;
                continue;
            }
            outcomes |= o << (2 * f);
            if (touched & fieldBit != 0) {
                delete _tallies[id][f];
                touched &= ~fieldBit;
            }
            decided |= o == 1 ? fieldBit : fieldBit << 32;
            _pay(doc, f, w, o == 1);
        }
        d.outcomes = uint64(outcomes);
        d.touched = uint32(touched);
        batch = d.batches;
        d.batches = batch + 1;
        _docs[id] = d;
        _batchRoots[id][batch] = root;
        // each slot answers once: at most 32 · 64 answers
        emit ConfirmationsRecorded(id, batch, root, uint16(count), msg.sender, uint32(decided), uint32(decided >> 32));
    }

    /// @dev Stores an undecided field's tally; on `escalate` (every verifier of the rounds so far answered and
    /// they disagree) with one more round of perField verifiers.
    function _keep(bytes32 id, uint256 f, uint256 w, bool escalate) private {
        if (escalate) {
            w += 1 << _ROUNDS_SHIFT;
            emit FieldEscalated(id, uint8(f), uint8(((w >> _ROUNDS_SHIFT) & 0xff) + 1));
        }
        _tallies[id][f] = w & ~_SEEN;
    }

    /// @dev a, b, n, slots per field, perField, fields, quorum and rounds: what the per-answer loops need,
    /// in one word.
    function _docWord(Doc memory d) private pure returns (uint256) {
        return uint256(d.a) | (uint256(d.b) << 16) | (uint256(d.poolSize) << 32)
            | ((uint256(d.perField) * d.maxRounds) << 48) | (uint256(d.perField) << 56) | (uint256(d.fieldCount) << 64)
            | (uint256(d.quorum) << 72) | (uint256(d.maxRounds) << 88);
    }

    /// @dev A field's verdict from its tally: 1 confirmed, 2 rejected, 3 escalate, 0 pending. While every answer
    /// so far agrees, the field is decided once their weight reaches the quorum; a round need not be complete, so
    /// one verifier who never answers does not hold the field up. A disagreement is decided only once every
    /// verifier of the rounds so far has answered: by more verifiers while rounds remain, then confirmed if the
    /// confirming weight leads by the quorum, else rejected. The quorum alone cannot tell a split panel from a
    /// decided one: reputations grow tenfold, and at 1,000 each, two confirmations lead one correction by 1,000.
    function _verdict(uint256 w, uint256 doc) private pure returns (uint256 o) {
        assembly ("memory-safe") {
            let confirmWeight := and(w, _WEIGHT_MASK)
            let correctWeight := and(shr(_CORRECT_SHIFT, w), _WEIGHT_MASK)
            let quorum := and(shr(72, doc), 0xffff)
            let rounds := add(and(shr(_ROUNDS_SHIFT, w), 0xff), 1)
            let full := sub(shl(mul(and(shr(56, doc), 0xff), rounds), 1), 1)
            let answered := eq(and(shr(_ANSWERED_SHIFT, w), _SLOTS_MASK), full)
            let last := iszero(lt(rounds, and(shr(88, doc), 0xff)))
            switch or(iszero(confirmWeight), iszero(correctWeight))
            case 1 {
                // one-sided so far (the quorum is never 0, so at most one of these holds)
                if iszero(lt(confirmWeight, quorum)) { o := 1 }
                if iszero(lt(correctWeight, quorum)) { o := 2 }
                // short of the quorum with every answer in: 3 escalate, or 2 rejected after the last round
                if and(iszero(o), answered) { o := sub(3, last) }
            }
            default {
                if answered {
                    switch last
                    case 0 { o := 3 }
                    default {
                        o := 2
                        if iszero(lt(confirmWeight, add(correctWeight, quorum))) { o := 1 }
                    }
                }
            }
        }
    }

    /// @dev Pays each verifier who answered decided field `f`: +10 (up to 1,000) for agreeing with the
    /// outcome, half for not; zero stays zero, so a withdrawn or spent verifier does not earn its way back.
    /// Assembly because it runs once per answer; `_position` and `_reputationAt` in one.
    function _pay(uint256 doc, uint256 f, uint256 w, bool confirmed) private {
        uint256 answered = (w >> _ANSWERED_SHIFT) & _SLOTS_MASK;
        uint256 agreed = (w >> _AGREED_SHIFT) & _SLOTS_MASK;
        uint256 agreedWith = confirmed ? agreed : answered & ~agreed;
        assembly ("memory-safe") {
            let base := mul(f, and(shr(48, doc), 0xff))
            for { let slot := 0 } answered { slot := add(slot, 1) } {
                if and(answered, 1) {
                    let index := mod(
                        add(and(doc, 0xffff), mul(add(base, slot), and(shr(16, doc), 0xffff))), and(shr(32, doc), 0xffff)
                    )
                    mstore(0, shr(4, index))
                    mstore(0x20, _reputation.slot)
                    let key := keccak256(0, 0x40)
                    let word := sload(key)
                    let shift := shl(4, and(index, 15))
                    let rep := and(shr(shift, word), 0xffff)
                    let next := shr(1, rep)
                    if and(shr(slot, agreedWith), 1) {
                        next := 0
                        if rep {
                            next := add(rep, _AGREEMENT_GAIN)
                            if gt(next, _MAX_REPUTATION) { next := _MAX_REPUTATION }
                        }
                    }
                    if iszero(eq(next, rep)) { sstore(key, xor(word, shl(shift, xor(rep, next)))) }
                }
                answered := shr(1, answered)
            }
        }
    }

    function _outcome(uint64 outcomes, uint256 field) private pure returns (FieldOutcome) {
        return FieldOutcome((outcomes >> (2 * field)) & 3);
    }

    function _idOf(EnrollmentCommitment calldata c) private pure returns (bytes32) {
        return enrollmentId(c.enrollee, c.imageHash, c.fieldsRoot);
    }

    function _requireCommitted(bytes32 id, bytes32 fieldsRoot, uint8 field, FieldOpening calldata o) private pure {
        bytes32 leaf = keccak256(abi.encode(field, o.fieldHash, o.textHash));
        if (!MerkleProof.verifyCalldata(o.proof, fieldsRoot, leaf)) revert EnrollmentFieldNotCommitted(id, field);
    }

    function _signer(bytes32 id, FieldConfirmation calldata c, FieldOpening calldata o, address verifier)
        private
        view
        returns (address signer)
    {
        bytes32 text = c.agrees ? o.textHash : c.textHash;
        bytes32 digest = confirmationDigest(id, c.field, o.fieldHash, text, c.agrees, verifier);
        (signer,,) = ECDSA.tryRecover(digest, c.r, c.vs);
    }

    /// @dev Active in the identity registry and not withdrawn here.
    function _standing(address verifier) private view returns (bool) {
        return IEntityRegistry(_registry).isActive(verifier) && _reputationAt(_poolIndex[verifier] - 1) != 0;
    }

    /// @dev OpenZeppelin's simple Merkle tree (`@openzeppelin/merkle-tree`, leaves unsorted): leaf `i` at
    /// `tree[2n - 2 - i]`, node `i` hashes its children `2i + 1` and `2i + 2`, pairs sorted. `buffer` holds
    /// the `n` leaves at its end (as `_countBatch` writes them); the nodes are built just before them.
    function _merkleRoot(bytes32[] memory buffer, uint256 n) private pure returns (bytes32 root) {
        assembly ("memory-safe") {
            // tree[0] is buffer[buffer.length − (2n − 1)]
            let t := add(buffer, shl(5, add(sub(mload(buffer), shl(1, n)), 2)))
            for { let i := sub(n, 1) } gt(i, 0) { i := sub(i, 1) } {
                let x := mload(add(t, shl(5, sub(shl(1, i), 1))))
                let y := mload(add(t, shl(5, shl(1, i))))
                // Hashes.commutativeKeccak256: the smaller child first.
                if gt(x, y) {
                    let z := x
                    x := y
                    y := z
                }
                mstore(0, x)
                mstore(0x20, y)
                mstore(add(t, shl(5, sub(i, 1))), keccak256(0, 0x40))
            }
            root := mload(t)
        }
    }

    function _reputationAt(uint256 index) private view returns (uint16) {
        return uint16(_reputation[index >> 4] >> ((index & 15) * 16));
    }

    function _setReputation(uint256 index, uint16 value) private {
        uint256 shift = (index & 15) * 16;
        uint256 word = _reputation[index >> 4];
        _reputation[index >> 4] = (word & ~(uint256(0xffff) << shift)) | (uint256(value) << shift);
    }
    // forge-lint: disable-end(incorrect-shift)
    // forge-lint: disable-end(unsafe-typecast)
}
