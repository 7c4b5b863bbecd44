// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IHolderSignatures} from "../interfaces/IHolderSignatures.sol";
import {IdentityTree} from "./IdentityTree.sol";

/// @dev The signed paths run the same `_link`/`_unlink` as the direct calls, so a relayed message can do
/// nothing the holder could not do by calling the registry itself.
abstract contract HolderSignatures is IdentityTree, EIP712, Nonces, IHolderSignatures {
    bytes32 private constant _LINK_CREDENTIAL_TYPEHASH =
        keccak256("LinkCredential(address holder,bytes32 uid,uint256 nonce,uint256 deadline)");
    bytes32 private constant _UNLINK_CREDENTIAL_TYPEHASH =
        keccak256("UnlinkCredential(address holder,bytes32 uid,uint256 nonce,uint256 deadline)");

    constructor() EIP712("Identree", "1") {}

    /// @inheritdoc IHolderSignatures
    function linkCredentialBySig(address holder, bytes32 uid, uint256 deadline, bytes calldata signature) external {
        _useHolderSignature(_LINK_CREDENTIAL_TYPEHASH, holder, uid, deadline, signature);
        _link(holder, uid);
    }

    /// @inheritdoc IHolderSignatures
    function unlinkCredentialBySig(address holder, bytes32 uid, uint256 deadline, bytes calldata signature) external {
        _useHolderSignature(_UNLINK_CREDENTIAL_TYPEHASH, holder, uid, deadline, signature);
        _unlink(holder, uid);
    }

    /// @inheritdoc IHolderSignatures
    function nonces(address holder) public view virtual override(Nonces, IHolderSignatures) returns (uint256) {
        return super.nonces(holder);
    }

    /// @inheritdoc IHolderSignatures
    // forge-lint: disable-next-line(mixed-case-function)
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @dev The digest is built over the nonce `_useNonce` consumes, so a replayed message (signed over a
    /// nonce that has since moved on) fails as an invalid signature, and a failed check reverts the
    /// consumption with everything else.
    function _useHolderSignature(
        bytes32 typehash,
        address holder,
        bytes32 uid,
        uint256 deadline,
        bytes calldata signature
    ) private {
        if (block.timestamp > deadline) revert HolderSignatureExpired(deadline);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(typehash, holder, uid, _useNonce(holder), deadline)));
        // The holder's current key signs; after a rotation or recovery the old key signs for nobody.
        if (!SignatureChecker.isValidSignatureNowCalldata(_holders.keyOf(holder), digest, signature)) {
            revert HolderSignatureInvalid(holder);
        }
    }
}
