// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IKeyBindings} from "../interfaces/IKeyBindings.sol";
import {IIdentityRegistry} from "../interfaces/IIdentityRegistry.sol";

/// @dev One mapping answers both directions with a single storage read on the hot path (every holder
/// action resolves its caller): an identity whose control moved points at its key, a bound key points at
/// its identity, and a retired key is marked so. Addresses never seen resolve to themselves for free.
abstract contract KeyBindings is EIP712, Nonces, IKeyBindings {
    enum Role {
        Unbound,
        Moved,
        Key,
        Retired
    }

    struct Binding {
        address target;
        Role role;
    }

    bytes32 private constant _ACCEPT_KEY_TYPEHASH =
        keccak256("AcceptKey(address identity,address newKey,uint256 nonce,uint256 deadline)");
    bytes32 private constant _ROTATE_KEY_TYPEHASH =
        keccak256("RotateKey(address identity,address newKey,uint256 nonce,uint256 deadline)");

    IIdentityRegistry internal immutable _registry;

    mapping(address account => Binding binding) private _bindings;

    constructor(IIdentityRegistry registry_) EIP712("Identree Holders", "1") {
        _registry = registry_;
    }

    /// @inheritdoc IKeyBindings
    function keyOf(address identity) public view returns (address) {
        Binding storage binding = _bindings[identity];
        Role role = binding.role;
        if (role == Role.Unbound) return identity;
        return role == Role.Moved ? binding.target : address(0);
    }

    /// @inheritdoc IKeyBindings
    function identityOf(address key) public view returns (address) {
        Binding storage binding = _bindings[key];
        Role role = binding.role;
        if (role == Role.Unbound) return key;
        return role == Role.Key ? binding.target : address(0);
    }

    /// @inheritdoc IKeyBindings
    function requireIdentityOf(address key) public view returns (address identity) {
        identity = identityOf(key);
        // Zero maps to zero (it is no one's key); only a key that lost control is refused.
        if (identity == address(0) && key != address(0)) revert KeyRetired(key);
    }

    /// @inheritdoc IKeyBindings
    function rotateKey(address newKey, uint256 deadline, bytes calldata signature) external {
        address identity = requireIdentityOf(msg.sender);
        _rotate(identity, newKey, deadline, _useNonce(identity), signature);
    }

    /// @inheritdoc IKeyBindings
    function rotateKeyBySig(
        address identity,
        address newKey,
        uint256 deadline,
        bytes calldata keySignature,
        bytes calldata newKeySignature
    ) external {
        uint256 nonce = _useNonce(identity);
        _requireHolderSignature(
            identity,
            keccak256(abi.encode(_ROTATE_KEY_TYPEHASH, identity, newKey, nonce, deadline)),
            deadline,
            keySignature
        );
        _rotate(identity, newKey, deadline, nonce, newKeySignature);
    }

    /// @inheritdoc IKeyBindings
    function rebindByRegistrar(address identity, address newKey, bytes32 evidence) external {
        if (!_registry.exists(identity)) revert KeyUnknownIdentity(identity);
        address registrar = _registrarAbove(identity);
        emit IdentityRebound(identity, registrar, evidence);
        _bind(identity, newKey, KeyChange.RegistrarRebind);
    }

    /// @dev The identity the calling key acts for, when it is the same authority that may suspend or revoke
    /// `identity`: root, or an active registrar above it that is not the founding root's self-registration
    /// (a former root keeps no power). The registrar acts through its current key: a retired key acts for no one.
    function _registrarAbove(address identity) internal view returns (address registrar) {
        registrar = requireIdentityOf(_sender());
        if (registrar != _registry.root()) {
            if (
                !_registry.isActive(registrar) || _registry.registrarOf(registrar) == registrar
                    || !_registry.isInRegistrationChain(registrar, identity)
            ) revert KeyNotInRegistrationChain(registrar, identity);
        }
    }

    /// @dev The key calling: `msg.sender`, or, when this contract calls itself to relay an authority's signed call,
    /// the signer the relay appended to the calldata (as ERC-2771 does). Only `relayAuthorityCall` calls this contract,
    /// after checking the signature, and only for the writes that resolve their caller here; a direct call pays one
    /// comparison for it.
    function _sender() internal view returns (address sender) {
        // In assembly: the same two lines in Solidity cost a direct call twice the gas (address masking).
        assembly ("memory-safe") {
            sender := caller()
            if eq(sender, address()) { sender := shr(96, calldataload(sub(calldatasize(), 20))) }
        }
    }

    /// @inheritdoc IKeyBindings
    function nonces(address owner) public view virtual override(Nonces, IKeyBindings) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IKeyBindings
    // forge-lint: disable-next-line(mixed-case-function)
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @dev Reverts unless the current key of `identity` signed `structHash` by `deadline`. The struct must
    /// cover a nonce the caller consumed with `_useNonce`, so a replay fails as an invalid signature.
    function _requireHolderSignature(address identity, bytes32 structHash, uint256 deadline, bytes calldata signature)
        internal
        view
    {
        if (block.timestamp > deadline) revert HolderSignatureExpired(deadline);
        if (!_isSignedByKeyOf(identity, structHash, signature)) revert HolderSignatureInvalid(identity);
    }

    /// @dev A retired key signs for nobody: only the key `keyOf` names counts, and a bound key has none.
    function _isSignedByKeyOf(address identity, bytes32 structHash, bytes calldata signature)
        internal
        view
        returns (bool)
    {
        address key = keyOf(identity);
        return
            key != address(0)
                && SignatureChecker.isValidSignatureNowCalldata(key, _hashTypedDataV4(structHash), signature);
    }

    /// @dev The new key proves possession with an `AcceptKey` signature over the nonce the caller used.
    function _rotate(address identity, address newKey, uint256 deadline, uint256 nonce, bytes calldata signature)
        private
    {
        if (!_registry.exists(identity)) revert KeyUnknownIdentity(identity);
        if (block.timestamp > deadline) revert KeySignatureExpired(deadline);
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(_ACCEPT_KEY_TYPEHASH, identity, newKey, nonce, deadline)));
        if (!SignatureChecker.isValidSignatureNowCalldata(newKey, digest, signature)) {
            revert KeySignatureInvalid(newKey);
        }
        _bind(identity, newKey, KeyChange.Rotation);
    }

    /// @dev The new key must be fresh: never a key before (so no key ever serves two identities) and not a
    /// registered entity (whose own actions would otherwise start resolving to someone else's identity).
    function _bind(address identity, address newKey, KeyChange how) internal {
        if (newKey == address(0) || _bindings[newKey].role != Role.Unbound || _registry.exists(newKey)) {
            revert KeyInvalid(newKey);
        }
        address previous = keyOf(identity);
        if (previous != identity) _bindings[previous] = Binding({target: identity, role: Role.Retired});
        _bindings[identity] = Binding({target: newKey, role: Role.Moved});
        _bindings[newKey] = Binding({target: identity, role: Role.Key});
        _afterKeyChange(identity);
        emit KeyChanged(identity, previous, newKey, how);
        _registry.onKeyChanged(identity, previous, newKey);
    }

    /// @dev Lets recovery void its pending approvals whenever control moves, by any path.
    function _afterKeyChange(address identity) internal virtual;
}
