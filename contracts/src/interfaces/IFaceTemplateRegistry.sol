// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Face template commitments: which sealed face template an identity's login checks against.
/// @notice The template itself (an embedding encrypted with AES-256-GCM, its key wrapped with ECIES to the
/// holder) lives in the blob store; the chain records only a commitment to its CID and version, so a
/// verifier can tell the blob it fetched is the one the holder enrolled and not an older or swapped one.
/// Only the identity's current key (IKeyBindings.keyOf) acts, directly or by a relayed EIP-712 signature,
/// so control of face login follows key rotation and guardian recovery.
/// @dev Typed messages (domain "Identree Face Templates", version "1"):
/// `EnrollFaceTemplate(address identity,bytes cid,uint32 version,uint256 nonce,uint256 deadline)`,
/// `ReenrollFaceTemplate(address identity,bytes cid,uint32 version,uint256 nonce,uint256 deadline)` and
/// `EraseFaceTemplate(address identity,uint32 version,uint256 nonce,uint256 deadline)`.
/// Versions only grow, across erasure too: the version is bound into the ciphertext, so an old copy can
/// never again pass for the current template.
interface IFaceTemplateRegistry {
    enum FaceTemplateStatus {
        None,
        Enrolled,
        Erased
    }

    /// @notice One slot per identity: `commitment` is the first 27 bytes of
    /// keccak256(abi.encode(identity, cid, version)); the CID itself is in the event that set it.
    struct FaceTemplate {
        bytes27 commitment;
        uint32 version;
        FaceTemplateStatus status;
    }

    /// @notice `identity` is not an active entity, so it cannot enroll a face template.
    error FaceTemplateIdentityInactive(address identity);
    /// @notice `identity` already has a template: re-enroll to replace it.
    error FaceTemplateAlreadyEnrolled(address identity, uint32 version);
    /// @notice `identity` has no enrolled template to replace or erase.
    error FaceTemplateNotEnrolled(address identity);
    /// @notice The version must exceed every version `identity` has used (`current`).
    error FaceTemplateVersionNotIncreasing(uint32 version, uint32 current);
    /// @notice A relayed erasure named `version`, but the enrolled template is `current`.
    error FaceTemplateVersionStale(uint32 version, uint32 current);
    /// @notice The CID must be 1 to 64 bytes of binary CID.
    error FaceTemplateCidInvalid(uint256 length);
    /// @notice `key` once controlled an identity and no longer does (raised by the holder registry's
    /// `requireIdentityOf` and passed through; declared here so clients decode it from this ABI).
    error KeyRetired(address key);
    /// @notice The relayed message is past its deadline.
    error FaceTemplateSignatureExpired(uint256 deadline);
    /// @notice The signature is not the current key's of `identity` over this message and its nonce.
    error FaceTemplateSignatureInvalid(address identity);

    event FaceTemplateEnrolled(address indexed identity, address indexed key, uint32 version, bytes cid);
    /// @notice Re-enrollment: the template of `previousVersion` no longer counts.
    event FaceTemplateReplaced(
        address indexed identity, address indexed key, uint32 previousVersion, uint32 version, bytes cid
    );
    /// @notice The holder erased its template; the wrapped keys are destroyed off chain and no version
    /// up to `version` ever counts again.
    event FaceTemplateErased(address indexed identity, address indexed key, uint32 version);

    /// @notice The caller's identity enrolls its first template (or its first after an erasure).
    function enrollFaceTemplate(bytes calldata cid, uint32 version) external;

    /// @notice The caller's identity replaces its template with a newer version.
    function reenrollFaceTemplate(bytes calldata cid, uint32 version) external;

    /// @notice The caller's identity erases its template.
    function eraseFaceTemplate() external;

    /// @notice `enrollFaceTemplate` on the current key's signature, submitted by anyone.
    function enrollFaceTemplateBySig(
        address identity,
        bytes calldata cid,
        uint32 version,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice `reenrollFaceTemplate` on the current key's signature, submitted by anyone.
    function reenrollFaceTemplateBySig(
        address identity,
        bytes calldata cid,
        uint32 version,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice `eraseFaceTemplate` on the current key's signature over the version it erases.
    function eraseFaceTemplateBySig(address identity, uint32 version, uint256 deadline, bytes calldata signature)
        external;

    /// @notice The template record of `identity` (status None for an identity that never enrolled).
    function faceTemplateOf(address identity) external view returns (FaceTemplate memory);

    /// @notice Whether `cid` at `version` is the template `identity` has enrolled now.
    function isCurrentFaceTemplate(address identity, bytes calldata cid, uint32 version) external view returns (bool);

    /// @notice The commitment stored for `cid` at `version` of `identity`.
    function faceTemplateCommitment(address identity, bytes calldata cid, uint32 version)
        external
        pure
        returns (bytes27);

    /// @notice The identity registry whose key bindings decide who acts for an identity.
    function identityRegistry() external view returns (address);

    /// @notice The nonce the next signed message of `identity` must carry.
    function nonces(address identity) external view returns (uint256);

    // forge-lint: disable-next-line(mixed-case-function)
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}
