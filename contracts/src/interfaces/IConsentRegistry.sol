// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Consent: expiring access grants from holders to verifiers, and an on-chain access log.
/// @notice A grant is keyed by (holder identity, verifier, credential), so it survives key rotation and
/// recovery. Granting never reads the identity registry: whether the holder really holds the credential
/// is checked when access is checked, so a grant over someone else's credential is inert.
interface IConsentRegistry {
    /// @notice The duration is zero or above the configured maximum.
    error ConsentInvalidDuration(uint256 duration, uint256 maxDuration);
    /// @notice A holder cannot grant access to itself, and the verifier cannot be zero.
    error ConsentInvalidVerifier(address verifier);
    /// @notice There is no live grant to revoke.
    error ConsentGrantNotFound(address holder, address verifier, bytes32 uid);
    /// @notice The holder's signature has expired.
    error ConsentSignatureExpired(uint256 deadline);
    /// @notice The signature is not the current key's of `holder` over this message and nonce.
    error ConsentSignatureInvalid(address holder);

    /// @notice An attributes digest must end in five zero bytes: only its first 21 bytes are kept.
    error ConsentInvalidAttributes(bytes26 attributes);

    /// @dev One slot: the expiry, the grant's own time, and the first 168 bits of the digest of the granted
    /// attribute names (zero for the whole credential). `grantedAt` is compared with the registry's
    /// `heldSince`, so a grant made during an earlier holding never comes back to life. The digest gave up
    /// its last five bytes to make room for it: 168 bits still leave 2^168 work for a second preimage.
    /// Revocation deletes the slot (the refund keeps revoking cheap); the event log keeps the history.
    struct Grant {
        uint40 expiresAt;
        uint40 grantedAt;
        bytes21 attributes;
    }

    /// @dev `uid` is data, not a topic: a fourth topic costs more than the word (filter by holder or
    /// verifier, which is what wallets and verifiers ask for). `grant` is the Grant word exactly as
    /// stored: expiresAt in bits 0-39, grantedAt in bits 40-79, the 21-byte attributes in bits 80-247.
    /// One word instead of two saves 256 gas on every grant; `grantOf` and the SDK's `decodeGrantWord` read the same layout.
    event AccessGranted(address indexed holder, address indexed verifier, bytes32 uid, bytes32 grant);
    event AccessRevoked(address indexed holder, address indexed verifier, bytes32 uid);
    /// @notice One access by `verifier` (the address that sent it): who, what, when (the block) and
    /// whether it succeeded.
    event AccessLogged(
        address indexed holder, address indexed verifier, bytes32 indexed uid, bytes26 attributes, bool success
    );

    /// @notice The caller's identity grants `verifier` access to credential `uid` for `duration` seconds;
    /// `attributes` is zero for the whole credential, else the digest of the granted attribute names.
    function grantAccess(address verifier, bytes32 uid, uint32 duration, bytes26 attributes) external;

    /// @notice The same grant, signed by the holder's current key (EIP-712 GrantAccess) and relayed.
    function grantAccessBySig(
        address holder,
        address verifier,
        bytes32 uid,
        uint32 duration,
        bytes26 attributes,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice Ends a grant early.
    function revokeAccess(address verifier, bytes32 uid) external;

    /// @notice The same revocation, signed by the holder's current key (EIP-712 RevokeAccess) and relayed.
    function revokeAccessBySig(
        address holder,
        address verifier,
        bytes32 uid,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice Records an access the caller (a verifier) made.
    function logAccess(address holder, bytes32 uid, bytes26 attributes, bool success) external;

    /// @notice True strictly before expiry, never after revocation of the grant or of the holder's entity,
    /// only while `holder` holds `uid`, only for a grant made after the holder received `uid` (a grant
    /// made in the same second as the arrival counts as earlier: grant again), and,
    /// for an attribute-limited grant, only for exactly the granted attributes.
    function checkAccess(address holder, address verifier, bytes32 uid, bytes26 attributes) external view returns (bool);

    function grantOf(address holder, address verifier, bytes32 uid) external view returns (Grant memory);

    function maxDuration() external view returns (uint32);
}
