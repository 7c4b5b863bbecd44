// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice Tunables snapshotted into each enrollment when it is recorded.
struct EnrollmentConfig {
    /// Reputation-weighted margin a field needs: confirmations minus corrections (a new verifier weighs 100).
    uint16 quorum;
    /// Verifiers per field per round.
    uint8 perField;
    /// Most fields of one document any verifier may see (k).
    uint8 maxFieldsPerVerifier;
    /// Rounds a field may take; a disagreement opens the next one, with `perField` new verifiers.
    uint8 maxRounds;
}

/// @notice One verifier's signed answer for one field, as submitted (alone or in a batch).
/// @dev The verifier signs the EIP-712 `FieldConfirmation` (enrollment, field, fieldHash, textHash, agrees,
/// verifier). Here `textHash` is zero when the verifier agrees (the signed text hash is then the committed
/// one) and the corrected text's hash otherwise. `r`/`vs` is the EIP-2098 compact signature.
struct FieldConfirmation {
    uint8 field;
    uint8 slot;
    bool agrees;
    bytes32 textHash;
    bytes32 r;
    bytes32 vs;
}

/// @notice What identifies an enrollment: its id is `keccak256(abi.encode(enrollee, imageHash, fieldsRoot))`.
struct EnrollmentCommitment {
    address enrollee;
    bytes32 imageHash;
    bytes32 fieldsRoot;
}

/// @notice One field's committed hashes and their proof against the enrollment's `fieldsRoot`.
struct FieldOpening {
    bytes32 fieldHash;
    bytes32 textHash;
    bytes32[] proof;
}

/// @notice A field's standing.
enum FieldOutcome {
    Pending,
    Confirmed,
    Rejected
}

/// @notice An enrollment's standing.
enum EnrollmentStatus {
    None,
    Open,
    Attested,
    Disputed
}

/// @notice What `confirmationFault` found wrong with one recorded confirmation.
enum ConfirmationFault {
    None,
    SignatureNotByAssignedVerifier,
    VerifierNotActive
}

/// @notice A recorded enrollment, as the views return it. The enrollee is not stored (the enrollment id
/// commits to it, and `EnrollmentRecorded` names it); calls that need it take the `EnrollmentCommitment`.
struct Enrollment {
    uint40 enrolledAt;
    uint8 fieldCount;
    uint16 poolSize;
    EnrollmentConfig config;
    EnrollmentStatus status;
    bool beaconSealed;
    uint16 batches;
}

/// @title The enrollment registry: documents read by OCR, confirmed field by field by independent verifiers.
/// @notice An enrollee records a commitment to a photographed identity document: the hash of the whole image
/// and the root of a tree whose leaf `i` is `keccak256(abi.encode(i, fieldHash, textHash))` (the salted
/// hashes of field `i`'s crop and normalised text). No text or image ever reaches the chain.
///
/// Verifiers are registered persons or organizations that a government accredits here. Each field goes to
/// `perField` verifiers drawn from the pool as it stood at enrollment, seeded by the hash of the block that
/// recorded the enrollment (unknown to the enrollee when committing): slot `i` of the document goes to
/// `pool[(a + i·b) mod n]`, `b` coprime to `n`, so a verifier appears at most `ceil(slots / n)` times and
/// never twice in one field. Enrollment refuses a pool too small for the `k` bound.
///
/// Verifiers sign EIP-712 confirmations or corrections off chain. An identity provider (an active issuer
/// or government) records them in batches, packed in calldata (see `recordConfirmations`), where they stay
/// on chain: the registry tallies them by the verifiers' reputation, stores only the Merkle root of the
/// batch, and leaves signature checks to anyone who wants one: each
/// confirmation is provable alone (`confirmationFault`), and a batch that holds a confirmation not signed by
/// the assigned verifier marks the enrollment `Disputed` when shown (`challengeConfirmation`). A single
/// confirmation can also be submitted with its signature checked on the spot (`confirmField`).
///
/// While every answer to a field agrees, it is decided once their reputation reaches `quorum`: confirmed, or
/// rejected if they all corrected it. A disagreement waits for every verifier of the rounds so far, then sends
/// the field to `perField` more verifiers, up to `maxRounds` rounds; after the last, the field is confirmed if
/// the confirming reputation leads by `quorum`, and rejected otherwise. A round whose verifiers have all
/// answered short of the quorum also goes to more verifiers. When a field is decided, each verifier who answered it gains
/// 10 reputation (up to 1,000) if it agreed with the outcome and loses half otherwise; withdrawn verifiers
/// weigh 0 for good. A verifier who confirmed a field a government later finds false loses half its
/// reputation when anyone shows that confirmation (`reportFalseField`, `penaliseConfirmation`).
///
/// Once every field is confirmed, the identity provider attests with a credential it anchored in the
/// identity registry for the enrollee; the `EnrollmentAttested` event links the credential to the
/// enrollment, so a verifier of a presentation can follow one to the other.
interface IEnrollmentRegistry {
    /// @notice `caller` is not the identity registry's root.
    error EnrollmentUnauthorized(address caller);
    /// @notice The configuration is unusable (a zero, or more verifiers per field than allowed).
    error EnrollmentConfigInvalid(EnrollmentConfig config);
    /// @notice `caller` is not an active government of the identity registry.
    error EnrollmentNotAGovernment(address caller);
    /// @notice `account` is not an active registered person or organization.
    error EnrollmentVerifierIneligible(address account);
    /// @notice `account` is already in the verifier pool.
    error EnrollmentVerifierAlreadyAccredited(address account);
    /// @notice The pool holds 65,535 verifiers, its most.
    error EnrollmentPoolFull();
    /// @notice `account` is not in the verifier pool.
    error EnrollmentVerifierUnknown(address account);
    /// @notice `caller` is not an active registered person.
    error EnrollmentNotAPerson(address caller);
    /// @notice The enrollee's signed `Enroll` message expired: `deadline` is before the block's timestamp.
    error EnrollmentSignatureExpired(uint256 deadline);
    /// @notice The signature is not `enrollee`'s over this `Enroll` message.
    error EnrollmentSignatureInvalid(address enrollee);
    /// @notice The document has no fields, more than 32, or a zero commitment.
    error EnrollmentCommitmentInvalid(bytes32 imageHash, bytes32 fieldsRoot, uint8 fieldCount);
    /// @notice The pool of `poolSize` verifiers cannot give `slots` slots with at most `k` per verifier.
    error EnrollmentPoolTooSmall(uint256 poolSize, uint256 slots, uint8 k);
    /// @notice This exact commitment was already recorded.
    error EnrollmentAlreadyRecorded(bytes32 enrollment);
    /// @notice No enrollment has this id.
    error EnrollmentUnknown(bytes32 enrollment);
    /// @notice The enrollment is no longer open to confirmations.
    error EnrollmentNotOpen(bytes32 enrollment, EnrollmentStatus status);
    /// @notice The beacon block is the current one (wait a block) or older than 256 blocks (re-enroll).
    error EnrollmentBeaconUnavailable(bytes32 enrollment, uint256 beaconBlock);
    /// @notice `caller` is not an active issuer or government, so may not record confirmations or attest.
    error EnrollmentNotAnIdentityProvider(address caller);
    /// @notice The batch is empty.
    error EnrollmentBatchEmpty();
    /// @notice The packed batch is cut short, or an answer's `agrees` byte is neither 0 nor 1, at answer `index`.
    error EnrollmentBatchMalformed(uint256 index);
    /// @notice Field `field` does not exist in this document.
    error EnrollmentFieldUnknown(bytes32 enrollment, uint8 field);
    /// @notice Field `field` is already decided.
    error EnrollmentFieldDecided(bytes32 enrollment, uint8 field, FieldOutcome outcome);
    /// @notice Slot `slot` of `field` is not open (past the rounds the field has reached).
    error EnrollmentSlotNotOpen(bytes32 enrollment, uint8 field, uint8 slot);
    /// @notice Slot `slot` of `field` has already answered.
    error EnrollmentSlotAnswered(bytes32 enrollment, uint8 field, uint8 slot);
    /// @notice A correction must carry the corrected text's hash.
    error EnrollmentCorrectionWithoutText(uint8 field);
    /// @notice The signature is not `expected`'s, the verifier assigned to `field`'s slot `slot`.
    error EnrollmentVerifierNotAssigned(bytes32 enrollment, uint8 field, uint8 slot, address expected);
    /// @notice The assigned verifier `verifier` is suspended or revoked in the identity registry, or withdrawn.
    error EnrollmentVerifierInactive(address verifier);
    /// @notice The field data is not in the enrollment's commitment.
    error EnrollmentFieldNotCommitted(bytes32 enrollment, uint8 field);
    /// @notice The confirmation is not in batch `batch`.
    error EnrollmentConfirmationNotRecorded(bytes32 enrollment, uint16 batch);
    /// @notice The confirmation shown holds no fault, so the challenge fails.
    error EnrollmentChallengeUnfounded(bytes32 enrollment, uint16 batch);
    /// @notice Field `field` is not confirmed yet.
    error EnrollmentFieldNotConfirmed(bytes32 enrollment, uint8 field, FieldOutcome outcome);
    /// @notice The confirmation shown cannot be penalised: not a confirmation of a field found false, not
    /// the assigned verifier's, or penalised already.
    error EnrollmentPenaltyUnfounded(bytes32 enrollment, uint8 field, uint8 slot);
    /// @notice The credential is not a valid, certified credential of the enrollee issued by the caller.
    error EnrollmentCredentialInvalid(bytes32 credential, address enrollee);

    event EnrollmentConfigured(EnrollmentConfig config);
    event VerifierAccredited(address indexed verifier, address indexed government, uint16 index);
    event VerifierWithdrawn(address indexed verifier, address indexed government);
    event EnrollmentRecorded(
        bytes32 indexed enrollment, address indexed enrollee, bytes32 imageHash, bytes32 fieldsRoot, uint8 fieldCount
    );
    /// @notice The panels are fixed: slot `i` goes to `pool[(a + i·b) mod poolSize]`.
    event BeaconSealed(bytes32 indexed enrollment, bytes32 seed, uint32 a, uint32 b);
    /// @notice Batch `batch` of `count` confirmations, committed to by `root` (leaf: keccak256 of the
    /// ABI-encoded `FieldConfirmation`; tree: OpenZeppelin's simple Merkle tree, leaves in the given order).
    /// `confirmed` and `rejected` are bitmaps of the fields this batch decided (bit `i` for field `i`): with
    /// the answers in the transaction's calldata they give every reputation change the batch made.
    event ConfirmationsRecorded(
        bytes32 indexed enrollment,
        uint16 indexed batch,
        bytes32 root,
        uint16 count,
        address by,
        uint32 confirmed,
        uint32 rejected
    );
    event FieldEscalated(bytes32 indexed enrollment, uint8 indexed field, uint8 round);
    event EnrollmentAttested(bytes32 indexed enrollment, bytes32 indexed credential, address indexed provider);
    /// @notice A government found field `field` false after the fact (a forged document found out).
    event FieldFoundFalse(bytes32 indexed enrollment, uint8 indexed field, address indexed government);
    /// @notice `verifier` had confirmed a field found false and lost half its reputation.
    event VerifierPenalised(address indexed verifier, bytes32 indexed enrollment, uint8 field);
    event EnrollmentDisputed(bytes32 indexed enrollment, uint16 indexed batch, address challenger, ConfirmationFault fault);

    /// @notice The identity registry whose entities, governments and credentials this registry relies on.
    function identityRegistry() external view returns (address);

    /// @notice Sets the configuration later enrollments snapshot. The identity registry's root only.
    function configure(EnrollmentConfig calldata config) external;

    function config() external view returns (EnrollmentConfig memory);

    /// @notice An active government adds an active registered person or organization to the verifier pool.
    function accreditVerifier(address verifier) external returns (uint16 index);

    /// @notice An active government withdraws a verifier: its reputation drops to 0 for good.
    function withdrawVerifier(address verifier) external;

    function verifierCount() external view returns (uint256);

    function verifierAt(uint256 index) external view returns (address);

    /// @notice The pool index of `verifier`; reverts when unknown.
    function verifierIndex(address verifier) external view returns (uint16);

    /// @notice A verifier's weight: 100 on accreditation, up to 1,000; 0 once withdrawn or spent.
    function reputationOf(address verifier) external view returns (uint16);

    /// @notice The caller, an active registered person, records a document's commitment.
    /// @return enrollment `keccak256(abi.encode(enrollee, imageHash, fieldsRoot))`.
    function enroll(bytes32 imageHash, bytes32 fieldsRoot, uint8 fieldCount) external returns (bytes32 enrollment);

    /// @notice `enroll` on the enrollee's signed EIP-712 message, submitted by anyone (a sponsor pays the
    /// gas; the enrollee's key needs no ether). Domain "Identree Enrollment", version "1", this chain and
    /// this registry; message `Enroll(address enrollee,bytes32 imageHash,bytes32 fieldsRoot,uint8
    /// fieldCount,uint256 deadline)`. No nonce: a recorded enrollment id is refused, so a message works
    /// once, and only until its deadline. An enrollee with code is checked with ERC-1271.
    /// @param deadline Last block timestamp at which the message is accepted (inclusive).
    /// @param signature 65-byte ECDSA for an enrollee without code, whatever its `isValidSignature` accepts otherwise.
    function enrollFromSignature(
        address enrollee,
        bytes32 imageHash,
        bytes32 fieldsRoot,
        uint8 fieldCount,
        uint256 deadline,
        bytes calldata signature
    ) external returns (bytes32 enrollment);

    /// @notice `keccak256(abi.encode(enrollee, imageHash, fieldsRoot))`.
    function enrollmentId(address enrollee, bytes32 imageHash, bytes32 fieldsRoot) external pure returns (bytes32);

    function enrollment(bytes32 enrollment) external view returns (Enrollment memory);

    /// @notice Fixes the panels from the hash of the enrollment's block. Anyone, from the next block and
    /// within 256 blocks; recording confirmations does it too.
    function sealBeacon(bytes32 enrollment) external;

    /// @notice The verifier assigned to `slot` of `field` (slots `0..perField-1` are round 0, and so on),
    /// from the next block on (read from the block hash until the beacon is stored).
    function assignedVerifier(bytes32 enrollment, uint8 field, uint8 slot) external view returns (address);

    /// @notice How many rounds `field` has opened (1 until a disagreement).
    function roundsOf(bytes32 enrollment, uint8 field) external view returns (uint8);

    function fieldOutcome(bytes32 enrollment, uint8 field) external view returns (FieldOutcome);

    /// @notice An identity provider records signed confirmations. Signatures are not checked here (see the
    /// contract notice); slots, rounds, duplicates and decided fields are.
    /// @param batch The answers packed back to back, each `abi.encodePacked(uint8 field, uint8 slot,
    /// bool agrees, bytes32 r, bytes32 vs)` followed, for a correction only, by `bytes32 textHash`: 67 bytes
    /// an answer instead of the 192 of an ABI-encoded `FieldConfirmation`, whose leaf it still is.
    /// @return batchIndex The batch index, for proofs.
    function recordConfirmations(bytes32 enrollment, bytes calldata batch) external returns (uint16 batchIndex);
    /// @notice `recordConfirmations` then `attest` in one transaction: the identity provider's last batch.
    function recordAndAttest(EnrollmentCommitment calldata commitment, bytes calldata batch, bytes32 credentialCommitment)
        external
        returns (uint16 batchIndex, bytes32 credential);

    /// @notice Anyone submits one confirmation, whose signature and assignment are checked on the spot.
    /// @param opening The field's committed crop and text hashes, proved against the enrollment's `fieldsRoot`.
    function confirmField(
        EnrollmentCommitment calldata commitment,
        FieldConfirmation calldata confirmation,
        FieldOpening calldata opening
    ) external returns (uint16 batch);

    /// @notice The Merkle root of batch `batch` (zero when there is none).
    function batchRoot(bytes32 enrollment, uint16 batch) external view returns (bytes32);

    /// @notice The EIP-712 digest a verifier signs.
    function confirmationDigest(
        bytes32 enrollment,
        uint8 field,
        bytes32 fieldHash,
        bytes32 textHash,
        bool agrees,
        address verifier
    ) external view returns (bytes32);

    /// @notice Checks one recorded confirmation on its own: that it is in batch `batch`, that the field
    /// data is the committed one, and that the assigned verifier signed it and stands.
    /// @dev Reverts when the confirmation or the field data is not what was recorded (nothing to judge).
    function confirmationFault(
        EnrollmentCommitment calldata commitment,
        uint16 batch,
        FieldConfirmation calldata confirmation,
        bytes32[] calldata batchProof,
        FieldOpening calldata opening
    ) external view returns (ConfirmationFault fault, address verifier);

    /// @notice Shows a faulty recorded confirmation: the enrollment becomes `Disputed` (attested or not).
    function challengeConfirmation(
        EnrollmentCommitment calldata commitment,
        uint16 batch,
        FieldConfirmation calldata confirmation,
        bytes32[] calldata batchProof,
        FieldOpening calldata opening
    ) external;

    /// @notice An active government records that field `field` of an enrollment was false (found out after
    /// the fact): the enrollment becomes `Disputed`, and its confirmers can be penalised.
    function reportFalseField(bytes32 enrollment, uint8 field) external;

    /// @notice Anyone shows a recorded confirmation of a field found false, signed by its assigned verifier:
    /// that verifier loses half its reputation, once per confirmation.
    function penaliseConfirmation(
        EnrollmentCommitment calldata commitment,
        uint16 batch,
        FieldConfirmation calldata confirmation,
        bytes32[] calldata batchProof,
        FieldOpening calldata opening
    ) external;

    /// @notice The identity provider attests a fully confirmed enrollment with the credential it anchored
    /// in the identity registry for the enrollee (`keccak256(abi.encode(caller, credentialCommitment))`).
    function attest(EnrollmentCommitment calldata commitment, bytes32 credentialCommitment)
        external
        returns (bytes32 credential);
}
