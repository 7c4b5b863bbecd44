// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC5192} from "./IERC5192.sol";

/// @title The identity token: one soulbound ERC-721 per entity.
/// @notice Read views follow ERC-721 so wallets and explorers show it; every transfer and
/// approval path reverts, as ERC-5192 requires of a locked token.
interface IIdentityToken is IERC721Metadata, IERC5192 {
    /// @notice Identity tokens never move and cannot be approved.
    error IdentityTokenSoulbound(uint256 tokenId);

    /// @notice Base of `tokenURI`; the token id in decimal is appended.
    function setBaseTokenURI(string calldata baseURI) external;

    /// @notice Called by the holder registry when control of `identity` moves, so the token's owner
    /// changes with it and ERC-721 indexers see a Transfer. Reverts for any other caller.
    function onKeyChanged(address identity, address previousKey, address newKey) external;
}
