// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
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
    uint16 private constant _INITIAL_REPUTATION = 100;
    uint16 private constant _MAX_REPUTATION = 1000;
    uint16 private constant _AGREEMENT_GAIN = 10;
    uint8 private constant _MAX_FIELDS = 32;

    /// @dev Written once per enrollment (one slot).
    struct Record {
        address enrollee;
        uint40 enrolledAt;
        uint8 fieldCount;
        uint16 poolSize;
        uint16 quorum;
        uint8 perField;
        uint8 maxRounds;
    }

    /// @dev What changes as the enrollment proceeds (one slot). `outcomes` holds 2 bits per field; `touched`
    /// marks fields with a stored tally (only fields left undecided by a batch pay for one).
    struct State {
        uint32 a;
        uint32 b;
        uint64 outcomes;
        uint32 touched;
        uint16 batches;
        uint8 status; // 0 open, 1 attested, 2 disputed
        bool beaconSealed;
    }

    /// @dev An undecided field's tally; `answered`/`agreed` are bitmaps over its slots.
    struct Tally {
        uint32 confirmWeight;
        uint32 correctWeight;
        uint64 answered;
        uint64 agreed;
        uint8 extraRounds;
    }

    /// @dev Per-field working copy while a batch is tallied.
    struct Work {
        uint256 confirmWeight;
        uint256 correctWeight;
        uint256 answered;
        uint256 agreed;
        uint256 extraRounds;
        bool seen;
    }

    address private immutable _registry;
    EnrollmentConfig private _config;
    address[] private _pool;
    mapping(address verifier => uint256 indexPlusOne) private _poolIndex;
    /// @dev 16 reputations of 16 bits per word: a batch of 30 confirmations touches two or three words, not 30.
    mapping(uint256 word => uint256 reputations) private _reputation;
    mapping(bytes32 enrollment => Record record) private _records;
    mapping(bytes32 enrollment => State state) private _states;
    mapping(bytes32 enrollment => mapping(uint256 field => Tally tally)) private _tallies;
    mapping(bytes32 enrollment => mapping(uint256 batch => bytes32 root)) private _batchRoots;
    mapping(bytes32 enrollment => uint256 fields) private _falseFields;
    mapping(bytes32 enrollment => mapping(uint256 field => uint256 slots)) private _penalised;

    constructor(address identityRegistry_) EIP712("Identree Enrollment", "1") {
        _registry = identityRegistry_;
        _config = EnrollmentConfig({quorum: 200, perField: 3, maxFieldsPerVerifier: 2, maxRounds: 2});
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
        _config = config_;
        emit EnrollmentConfigured(config_);
    }

    /// @inheritdoc IEnrollmentRegistry
    function config() external view returns (EnrollmentConfig memory) {
        return _config;
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
        _requireKind(msg.sender, EntityKind.Person, EntityKind.Person, EnrollmentNotAPerson.selector);
        if (imageHash == 0 || fieldsRoot == 0 || fieldCount == 0 || fieldCount > _MAX_FIELDS) {
            revert EnrollmentCommitmentInvalid(imageHash, fieldsRoot, fieldCount);
        }
        EnrollmentConfig memory c = _config;
        uint256 poolSize = _pool.length;
        uint256 perFieldSlots = uint256(c.perField) * c.maxRounds;
        uint256 slots = perFieldSlots * fieldCount;
        // A pool at least one field's slots wide keeps a field's verifiers distinct; n·k ≥ slots bounds each
        // verifier to k appearances (see the interface notice).
        if (poolSize < perFieldSlots || poolSize * c.maxFieldsPerVerifier < slots || poolSize > type(uint16).max) {
            revert EnrollmentPoolTooSmall(poolSize, slots, c.maxFieldsPerVerifier);
        }
        id = enrollmentId(msg.sender, imageHash, fieldsRoot);
        if (_records[id].enrollee != address(0)) revert EnrollmentAlreadyRecorded(id);
        _records[id] = Record({
            enrollee: msg.sender,
            enrolledAt: uint40(block.number),
            fieldCount: fieldCount,
            // forge-lint: disable-next-line(unsafe-typecast)
            poolSize: uint16(poolSize), // the pool is kept under 2^16
            quorum: c.quorum,
            perField: c.perField,
            maxRounds: c.maxRounds
        });
        emit EnrollmentRecorded(id, msg.sender, imageHash, fieldsRoot, fieldCount);
    }

    /// @inheritdoc IEnrollmentRegistry
    function enrollmentId(address enrollee, bytes32 imageHash, bytes32 fieldsRoot) public pure returns (bytes32) {
        return keccak256(abi.encode(enrollee, imageHash, fieldsRoot));
    }

    /// @inheritdoc IEnrollmentRegistry
    function enrollment(bytes32 id) external view returns (Enrollment memory e) {
        Record memory r = _records[id];
        if (r.enrollee == address(0)) return e;
        State memory s = _states[id];
        e = Enrollment({
            enrollee: r.enrollee,
            enrolledAt: r.enrolledAt,
            fieldCount: r.fieldCount,
            poolSize: r.poolSize,
            config: EnrollmentConfig({quorum: r.quorum, perField: r.perField, maxFieldsPerVerifier: 0, maxRounds: r.maxRounds}),
            status: EnrollmentStatus(s.status + 1),
            beaconSealed: s.beaconSealed,
            batches: s.batches
        });
    }

    /// @inheritdoc IEnrollmentRegistry
    function sealBeacon(bytes32 id) external {
        Record memory r = _record(id);
        State memory s = _states[id];
        if (s.beaconSealed) return;
        _seal(id, r, s);
        _states[id] = s;
    }

    /// @inheritdoc IEnrollmentRegistry
    function assignedVerifier(bytes32 id, uint8 field, uint8 slot) public view returns (address) {
        Record memory r = _record(id);
        State memory s = _states[id];
        // Before the beacon is stored, the draw is read from the block hash itself, so verifiers can
        // start at once and the first batch stores it.
        if (!s.beaconSealed) (s.a, s.b,) = _draw(id, r);
        if (field >= r.fieldCount) revert EnrollmentFieldUnknown(id, field);
        if (slot >= uint256(r.perField) * r.maxRounds) revert EnrollmentSlotNotOpen(id, field, slot);
        return _pool[_position(r, s, field, slot)];
    }

    /// @inheritdoc IEnrollmentRegistry
    function roundsOf(bytes32 id, uint8 field) external view returns (uint8) {
        return _tallies[id][field].extraRounds + 1;
    }

    /// @inheritdoc IEnrollmentRegistry
    function fieldOutcome(bytes32 id, uint8 field) external view returns (FieldOutcome) {
        return _outcome(_states[id].outcomes, field);
    }

    /// @inheritdoc IEnrollmentRegistry
    function batchRoot(bytes32 id, uint16 batch) external view returns (bytes32) {
        return _batchRoots[id][batch];
    }

    // ---- confirmations ----

    /// @inheritdoc IEnrollmentRegistry
    function recordConfirmations(bytes32 id, FieldConfirmation[] calldata confirmations)
        external
        returns (uint16 batch)
    {
        _requireKind(msg.sender, EntityKind.Government, EntityKind.Issuer, EnrollmentNotAnIdentityProvider.selector);
        uint256 count = confirmations.length;
        if (count == 0) revert EnrollmentBatchEmpty();
        (Record memory r, State memory s, Work[] memory work) = _open(id);
        bytes32[] memory leaves = new bytes32[](count);
        for (uint256 i; i < count; ++i) {
            leaves[i] = _tally(id, r, s, work, confirmations[i]);
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        return _close(id, r, s, work, _merkleRoot(leaves), uint16(count)); // each slot answers once: at most 32 · 64
    }

    /// @inheritdoc IEnrollmentRegistry
    function confirmField(
        EnrollmentCommitment calldata commitment,
        FieldConfirmation calldata c,
        FieldOpening calldata opening
    ) external returns (uint16 batch) {
        bytes32 id = _idOf(commitment);
        (Record memory r, State memory s, Work[] memory work) = _open(id);
        bytes32 leaf = _tally(id, r, s, work, c);
        _requireCommitted(id, commitment.fieldsRoot, c.field, opening);
        address assigned = _pool[_position(r, s, c.field, c.slot)];
        if (_signer(id, c, opening, assigned) != assigned) {
            revert EnrollmentVerifierNotAssigned(id, c.field, c.slot, assigned);
        }
        if (!_standing(assigned)) revert EnrollmentVerifierInactive(assigned);
        return _close(id, r, s, work, leaf, 1);
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
        Record memory r = _record(id);
        bytes32 root = _batchRoots[id][batch];
        if (root == 0 || !MerkleProof.verifyCalldata(batchProof, root, keccak256(abi.encode(c)))) {
            revert EnrollmentConfirmationNotRecorded(id, batch);
        }
        _requireCommitted(id, commitment.fieldsRoot, c.field, opening);
        // Recorded, so the field and slot were checked against the document when the batch was tallied.
        verifier = _pool[_position(r, _states[id], c.field, c.slot)];
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
        _states[id].status = 2;
        emit EnrollmentDisputed(id, batch, msg.sender, fault);
    }

    /// @inheritdoc IEnrollmentRegistry
    function reportFalseField(bytes32 id, uint8 field) external {
        _requireKind(msg.sender, EntityKind.Government, EntityKind.Government, EnrollmentNotAGovernment.selector);
        if (field >= _record(id).fieldCount) revert EnrollmentFieldUnknown(id, field);
        // forge-lint: disable-next-line(incorrect-shift)
        _falseFields[id] |= 1 << field;
        _states[id].status = 2;
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
    function attest(bytes32 id, bytes32 credentialCommitment) external returns (bytes32 credential) {
        Record memory r = _record(id);
        State memory s = _states[id];
        if (s.status != 0) revert EnrollmentNotOpen(id, EnrollmentStatus(s.status + 1));
        for (uint8 f; f < r.fieldCount; ++f) {
            FieldOutcome o = _outcome(s.outcomes, f);
            if (o != FieldOutcome.Confirmed) revert EnrollmentFieldNotConfirmed(id, f, o);
        }
        credential = keccak256(abi.encode(msg.sender, credentialCommitment));
        Credential memory c = ICredentialRegistry(_registry).credential(credential);
        bool ok = c.subject == r.enrollee && !c.revoked && c.level != CertificationLevel.Uncertified
            && c.validFrom <= block.timestamp && block.timestamp < c.validUntil;
        if (!ok) revert EnrollmentCredentialInvalid(credential, r.enrollee);
        _states[id].status = 1;
        emit EnrollmentAttested(id, credential, msg.sender);
    }

    // ---- internals ----
    // Casts below stay in range: at most 32 fields (2 bits each in 64), 64 slots per field, a pool under
    // 2^16 (so a, b < 2^16), weights at most 1,000 per slot. Shifts are `1 << index` on purpose.
    // forge-lint: disable-start(unsafe-typecast)
    // forge-lint: disable-start(incorrect-shift)

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

    function _record(bytes32 id) private view returns (Record memory r) {
        r = _records[id];
        if (r.enrollee == address(0)) revert EnrollmentUnknown(id);
    }

    function _seal(bytes32 id, Record memory r, State memory s) private {
        bytes32 seed;
        (s.a, s.b, seed) = _draw(id, r);
        s.beaconSealed = true;
        emit BeaconSealed(id, seed, s.a, s.b);
    }

    function _draw(bytes32 id, Record memory r) private view returns (uint32, uint32, bytes32 seed) {
        bytes32 beacon = blockhash(r.enrolledAt);
        if (beacon == 0) revert EnrollmentBeaconUnavailable(id, r.enrolledAt);
        seed = keccak256(abi.encode(beacon, id));
        uint256 n = r.poolSize;
        uint256 a = uint256(seed) % n;
        uint256 b = n == 1 ? 1 : 1 + (uint256(seed) >> 128) % (n - 1);
        // Walks 1..n-1 at most once, and gcd(1, n) = 1 ends it.
        while (_gcd(b, n) != 1) b = b % (n - 1) + 1;
        return (uint32(a), uint32(b), seed);
    }

    function _gcd(uint256 x, uint256 y) private pure returns (uint256) {
        while (y != 0) (x, y) = (y, x % y);
        return x;
    }

    /// @dev Slot `slot` of field `field` is document slot `field · perField · maxRounds + slot`.
    function _position(Record memory r, State memory s, uint256 field, uint256 slot) private pure returns (uint256) {
        uint256 i = field * r.perField * r.maxRounds + slot;
        return (uint256(s.a) + i * s.b) % r.poolSize;
    }

    function _open(bytes32 id) private returns (Record memory r, State memory s, Work[] memory work) {
        r = _record(id);
        s = _states[id];
        if (s.status != 0) revert EnrollmentNotOpen(id, EnrollmentStatus(s.status + 1));
        if (!s.beaconSealed) _seal(id, r, s);
        work = new Work[](r.fieldCount);
    }

    /// @dev Checks and counts one confirmation into `work`; returns its batch leaf.
    function _tally(bytes32 id, Record memory r, State memory s, Work[] memory work, FieldConfirmation calldata c)
        private
        view
        returns (bytes32)
    {
        uint8 field = c.field;
        if (field >= r.fieldCount) revert EnrollmentFieldUnknown(id, field);
        FieldOutcome o = _outcome(s.outcomes, field);
        if (o != FieldOutcome.Pending) revert EnrollmentFieldDecided(id, field, o);
        Work memory w = work[field];
        if (!w.seen) {
            w.seen = true;
            if (s.touched & (1 << field) != 0) {
                Tally memory t = _tallies[id][field];
                (w.confirmWeight, w.correctWeight) = (t.confirmWeight, t.correctWeight);
                (w.answered, w.agreed, w.extraRounds) = (t.answered, t.agreed, t.extraRounds);
            }
        }
        uint8 slot = c.slot;
        if (slot >= uint256(r.perField) * (w.extraRounds + 1)) revert EnrollmentSlotNotOpen(id, field, slot);
        uint256 bit = 1 << slot;
        if (w.answered & bit != 0) revert EnrollmentSlotAnswered(id, field, slot);
        w.answered |= bit;
        uint256 weight = _reputationAt(_position(r, s, field, slot));
        if (c.agrees) {
            w.confirmWeight += weight;
            w.agreed |= bit;
        } else {
            if (c.textHash == 0) revert EnrollmentCorrectionWithoutText(field);
            w.correctWeight += weight;
        }
        return keccak256(abi.encode(c));
    }

    /// @dev Decides the fields a batch touched, pays reputations, stores what stays undecided and the root.
    function _close(bytes32 id, Record memory r, State memory s, Work[] memory work, bytes32 root, uint16 count)
        private
        returns (uint16 batch)
    {
        for (uint256 f; f < work.length; ++f) {
            Work memory w = work[f];
            if (w.seen) _decide(id, r, s, w, f);
        }
        batch = s.batches;
        s.batches = batch + 1;
        _states[id] = s;
        _batchRoots[id][batch] = root;
        emit ConfirmationsRecorded(id, batch, root, count, msg.sender);
    }

    function _decide(bytes32 id, Record memory r, State memory s, Work memory w, uint256 f) private {
        FieldOutcome outcome = FieldOutcome.Pending;
        if (w.confirmWeight >= w.correctWeight + r.quorum) outcome = FieldOutcome.Confirmed;
        else if (w.correctWeight >= w.confirmWeight + r.quorum) outcome = FieldOutcome.Rejected;
        if (outcome == FieldOutcome.Pending && w.answered == (1 << (uint256(r.perField) * (w.extraRounds + 1))) - 1) {
            // Every verifier of the rounds so far answered and they disagree: perField more, or give up.
            if (w.extraRounds + 1 < r.maxRounds) {
                w.extraRounds += 1;
                emit FieldEscalated(id, uint8(f), uint8(w.extraRounds + 1));
            } else {
                outcome = FieldOutcome.Rejected;
            }
        }
        if (outcome == FieldOutcome.Pending) {
            _tallies[id][f] = Tally({
                confirmWeight: uint32(w.confirmWeight),
                correctWeight: uint32(w.correctWeight),
                answered: uint64(w.answered),
                agreed: uint64(w.agreed),
                extraRounds: uint8(w.extraRounds)
            });
            s.touched |= uint32(1 << f);
            return;
        }
        s.outcomes |= uint64(uint256(outcome) << (2 * f));
        if (s.touched & (1 << f) != 0) {
            delete _tallies[id][f];
            s.touched &= ~uint32(1 << f);
        }
        emit FieldDecided(id, uint8(f), outcome);
        bool confirmed = outcome == FieldOutcome.Confirmed;
        for (uint256 slot; w.answered >> slot != 0; ++slot) {
            if (w.answered & (1 << slot) == 0) continue;
            uint256 index = _position(r, s, f, slot);
            uint256 rep = _reputationAt(index);
            bool agreed = (w.agreed & (1 << slot) != 0) == confirmed;
            // Zero stays zero: a withdrawn or spent verifier does not earn its way back.
            if (agreed) rep = rep == 0 ? 0 : (rep + _AGREEMENT_GAIN > _MAX_REPUTATION ? _MAX_REPUTATION : rep + _AGREEMENT_GAIN);
            else rep /= 2;
            _setReputation(index, uint16(rep));
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
    /// `tree[2n - 2 - i]`, node `i` hashes its children `2i + 1` and `2i + 2`, pairs sorted.
    function _merkleRoot(bytes32[] memory leaves) private pure returns (bytes32) {
        uint256 n = leaves.length;
        if (n == 1) return leaves[0];
        bytes32[] memory tree = new bytes32[](2 * n - 1);
        for (uint256 i; i < n; ++i) {
            tree[2 * n - 2 - i] = leaves[i];
        }
        for (uint256 i = n - 1; i > 0; --i) {
            tree[i - 1] = Hashes.commutativeKeccak256(tree[2 * i - 1], tree[2 * i]);
        }
        return tree[0];
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
