// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Relayed authority calls: governments, issuers and registrars act without ether.
/// @notice An authority's key signs one identity-registry call, or one of the holder registry's own authority writes
/// (`rebindByRegistrar`, `reportCompromise`, a verifier's `logAccess`), as EIP-712 typed data; anyone (the service's
/// sponsor) submits it here and pays the gas. The holder registry calls the contract the selector names with the
/// signing key appended to the calldata, as ERC-2771 does, and that contract resolves the key like a direct caller,
/// so a retired key acts for no one and every rule applies unchanged.
interface IAuthorityRelay {
    /// @notice The call cannot be relayed: it is shorter than a selector, the registry's key-change hook, or this
    /// relay itself.
    error RelayCallNotAllowed(bytes4 selector);

    event AuthorityCallRelayed(address indexed signer, bytes4 indexed selector, uint256 nonce);

    /// @notice Performs `data` as `signer`, whose EIP-712 signature over
    /// `AuthorityCall(address signer,bytes data,uint256 nonce,uint256 deadline)` (this contract's domain, `signer`'s
    /// next nonce) is checked first: on this contract for `rebindByRegistrar`, `reportCompromise` and `logAccess`
    /// (whose logged verifier is then `signer`), on the identity registry for any other call. The callee's revert, if any, is re-raised as it is.
    function relayAuthorityCall(address signer, bytes calldata data, uint256 deadline, bytes calldata signature)
        external
        returns (bytes memory result);
}
