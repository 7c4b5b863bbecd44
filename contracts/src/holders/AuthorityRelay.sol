// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IAuthorityRelay} from "../interfaces/IAuthorityRelay.sol";
import {ICompromiseReports} from "../interfaces/ICompromiseReports.sol";
import {IConsentRegistry} from "../interfaces/IConsentRegistry.sol";
import {IIdentityToken} from "../interfaces/IIdentityToken.sol";
import {IKeyBindings} from "../interfaces/IKeyBindings.sol";
import {KeyBindings} from "./KeyBindings.sol";

/// @dev Here rather than in a separate ERC-2771 forwarder because the registry already trusts this contract (it
/// deploys it), so trusting it to name the signer costs the registry no new immutable; the registry is at
/// EIP-170's size limit.
abstract contract AuthorityRelay is KeyBindings, IAuthorityRelay {
    bytes32 private constant _AUTHORITY_CALL_TYPEHASH =
        keccak256("AuthorityCall(address signer,bytes data,uint256 nonce,uint256 deadline)");

    /// @inheritdoc IAuthorityRelay
    function relayAuthorityCall(address signer, bytes calldata data, uint256 deadline, bytes calldata signature)
        external
        returns (bytes memory result)
    {
        if (block.timestamp > deadline) revert HolderSignatureExpired(deadline);
        address target = _relayTarget(data);
        uint256 nonce = _useNonce(signer);
        bytes32 structHash = keccak256(abi.encode(_AUTHORITY_CALL_TYPEHASH, signer, keccak256(data), nonce, deadline));
        if (!SignatureChecker.isValidSignatureNowCalldata(signer, _hashTypedDataV4(structHash), signature)) {
            revert HolderSignatureInvalid(signer);
        }
        bool ok;
        (ok, result) = target.call(abi.encodePacked(data, signer));
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
        // casting to 'bytes4' is safe because it takes the selector, and `_relayTarget` refused data shorter than one
        // forge-lint: disable-next-line(unsafe-typecast)
        emit AuthorityCallRelayed(signer, bytes4(data), nonce);
    }

    /// @dev The selector alone names the contract (the signature covers it). Only the three writes that resolve their
    /// caller with `_sender` may reach this contract: any other would act as the holder registry itself. The
    /// registry trusts calls from this contract for its key-change hook, which is never anyone's to relay.
    function _relayTarget(bytes calldata data) private view returns (address) {
        // casting to 'bytes4' is safe because it keeps the leading bytes (zero-padded when fewer than four): the selector
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes4 selector = bytes4(data);
        if (data.length < 4) revert RelayCallNotAllowed(selector);
        if (
            selector == IKeyBindings.rebindByRegistrar.selector || selector == ICompromiseReports.reportCompromise.selector
                || selector == IConsentRegistry.logAccess.selector
        ) return address(this);
        if (selector == IIdentityToken.onKeyChanged.selector || selector == IAuthorityRelay.relayAuthorityCall.selector) {
            revert RelayCallNotAllowed(selector);
        }
        return address(_registry);
    }
}
