// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Key bindings: which key controls which identity.
/// @notice An identity is the address it was registered with, and it never changes: its token id, its
/// DID, its credentials, its tree and its grants stay keyed by it. Control moves instead. Until the first
/// change an identity is controlled by its own address; afterwards by the key bound to it, and every key
/// it had before is retired for good. A change happens by rotation (the current key, with the new key's
/// proof of possession), by guardian recovery, or by the registrar chain after an in-person check.
interface IKeyBindings {
    /// @notice How control of an identity moved.
    enum KeyChange {
        Rotation,
        GuardianRecovery,
        RegistrarRebind
    }

    /// @notice `key` once controlled an identity and no longer does.
    error KeyRetired(address key);
    /// @notice `key` cannot take control: it is zero, a registered entity, or already used as a key.
    error KeyInvalid(address key);
    /// @notice The new key's proof of possession is not a valid signature over this change.
    error KeySignatureInvalid(address newKey);
    /// @notice The proof of possession's deadline has passed.
    error KeySignatureExpired(uint256 deadline);
    /// @notice A relayed holder message is past its deadline.
    error HolderSignatureExpired(uint256 deadline);
    /// @notice The signature is not the current key's of `identity` over this message and its nonce.
    error HolderSignatureInvalid(address identity);
    /// @notice `identity` is not a registered entity.
    error KeyUnknownIdentity(address identity);
    /// @notice `caller` is neither root nor an active registrar above `identity` in its registration chain.
    error KeyNotInRegistrationChain(address caller, address identity);

    event KeyChanged(address indexed identity, address indexed previousKey, address indexed newKey, KeyChange how);
    /// @notice The registrar path's own log line: who re-bound the identity and the evidence of the check
    /// (for example the digest of the in-person verification record, which stays off chain).
    event IdentityRebound(address indexed identity, address indexed registrar, bytes32 evidence);

    /// @notice The key that controls `identity` now: the identity's own address until the first change;
    /// zero when `identity` is itself only a key (bound or retired).
    function keyOf(address identity) external view returns (address);

    /// @notice The identity `key` acts for: `key` itself when it was never bound or retired, the bound
    /// identity for a bound key, zero for a retired key.
    function identityOf(address key) external view returns (address);

    /// @notice Like `identityOf`, but reverts `KeyRetired` instead of answering zero.
    function requireIdentityOf(address key) external view returns (address);

    /// @notice The caller's identity hands control to `newKey`. `signature` is `newKey`'s EIP-712
    /// signature of AcceptKey(identity, newKey, nonce, deadline), so control never moves to a typo.
    function rotateKey(address newKey, uint256 deadline, bytes calldata signature) external;

    /// @notice The same rotation sent by anyone (a sponsor pays the gas): the current key signs
    /// `RotateKey(identity, newKey, nonce, deadline)` and the new key `AcceptKey` over the same nonce.
    function rotateKeyBySig(
        address identity,
        address newKey,
        uint256 deadline,
        bytes calldata keySignature,
        bytes calldata newKeySignature
    ) external;

    /// @notice Government-assisted recovery: an active registrar above `identity` (or root) re-binds it
    /// to `newKey` after an in-person check, at once and on the record.
    function rebindByRegistrar(address identity, address newKey, bytes32 evidence) external;

    /// @notice EIP-712 nonces, shared by every signed message to this contract.
    function nonces(address owner) external view returns (uint256);

    // forge-lint: disable-next-line(mixed-case-function)
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}
