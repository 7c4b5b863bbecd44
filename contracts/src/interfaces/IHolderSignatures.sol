// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

/// @title Holder signatures: holder actions signed by the holder and relayed by a sponsor.
/// @notice A holder signs an EIP-712 message (domain name "Identree", version "1", this chain and this
/// registry) and anyone may submit it, paying the gas; the holder needs no ether and the relayer never
/// holds the holder's key. Every message carries the holder's next nonce and a deadline, so it works
/// once, and only until its deadline. A holder with code is checked with ERC-1271, so smart accounts
/// can sign too.
/// @dev Typed messages, in EIP-712 notation:
/// `LinkCredential(address holder,bytes32 uid,uint256 nonce,uint256 deadline)` and
/// `UnlinkCredential(address holder,bytes32 uid,uint256 nonce,uint256 deadline)`.
/// Holder nonces are shared by every message type, and a message only ever names the holder's
/// current nonce, so messages are used in the order they were signed.
interface IHolderSignatures is IERC5267 {
    /// @notice The message expired: `deadline` is before the current block's timestamp.
    error HolderSignatureExpired(uint256 deadline);
    /// @notice The signature is not `holder`'s over this message at `holder`'s current nonce: another
    /// signer, another message, or a message already used (its nonce has moved on).
    error HolderSignatureInvalid(address holder);

    /// @notice Links credential `uid` into `holder`'s identity tree, as `linkCredential` called by `holder`
    /// would, on the holder's signed `LinkCredential` message. Any account may submit it.
    /// @param deadline Last block timestamp at which the message is accepted (inclusive).
    /// @param signature `holder`'s signature: 65-byte ECDSA for an account without code, whatever the
    /// holder's `isValidSignature` accepts otherwise.
    function linkCredentialBySig(address holder, bytes32 uid, uint256 deadline, bytes calldata signature) external;

    /// @notice Removes credential `uid` from `holder`'s identity tree, as `unlinkCredential` called by
    /// `holder` would, on the holder's signed `UnlinkCredential` message. Any account may submit it.
    /// @param deadline Last block timestamp at which the message is accepted (inclusive).
    /// @param signature `holder`'s signature, as for `linkCredentialBySig`.
    function unlinkCredentialBySig(address holder, bytes32 uid, uint256 deadline, bytes calldata signature) external;

    /// @notice The nonce `holder`'s next signed message must carry. Each accepted message increments it.
    function nonces(address holder) external view returns (uint256);

    /// @notice The EIP-712 domain separator of this registry on this chain.
    // forge-lint: disable-next-line(mixed-case-function)
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}
