// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IHolderRegistry} from "../interfaces/IHolderRegistry.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC5192} from "../interfaces/IERC5192.sol";
import {IIdentityToken} from "../interfaces/IIdentityToken.sol";
import {EntityRegistry} from "./EntityRegistry.sol";
import {HolderControl} from "./HolderControl.sol";
import {Entity, EntityStatus} from "../interfaces/IdentityTypes.sol";
import {IKeyBindings} from "../interfaces/IKeyBindings.sol";

/// @dev ERC-721 read views over the entity registry. Token id = the entity's address, so the
/// registry record *is* the token and nothing is stored twice.
abstract contract IdentityToken is EntityRegistry, HolderControl, IIdentityToken, IERC721Errors {
    string private _baseTokenURI;

    function name() external pure returns (string memory) {
        return "Identree Identity";
    }

    function symbol() external pure returns (string memory) {
        return "IDT";
    }

    /// @inheritdoc IIdentityToken
    function setBaseTokenURI(string calldata baseURI) external onlyRoot {
        _baseTokenURI = baseURI;
        // ERC-4906: every token's metadata URI changed at once.
        emit IERC4906.BatchMetadataUpdate(0, type(uint256).max);
    }

    function tokenURI(uint256 tokenId) external view returns (string memory) {
        _ownerOf(tokenId);
        string memory base = _baseTokenURI;
        return bytes(base).length == 0 ? "" : string.concat(base, Strings.toString(tokenId));
    }

    function balanceOf(address owner) external view returns (uint256) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        // A bound key owns its identity's token; a retired key (identity zero) owns nothing.
        address identity = _holders.identityOf(owner);
        return identity != address(0) && exists(identity) ? 1 : 0;
    }

    function ownerOf(uint256 tokenId) external view returns (address) {
        return _holders.keyOf(_ownerOf(tokenId));
    }

    /// @inheritdoc IIdentityToken
    function onKeyChanged(address identity, address previousKey, address newKey) external {
        uint256 tokenId = uint256(uint160(identity));
        if (msg.sender != address(_holders)) revert IdentityTokenSoulbound(tokenId);
        Entity storage record = _entities[identity];
        // Written once, on the first move: later rotations only change the holder registry's bindings.
        if (!record.keyMoved) record.keyMoved = true;
        emit Transfer(previousKey, newKey, tokenId);
    }

    /// @dev The common case costs nothing extra: an entity acting with its own, never-moved address is read
    /// from the record the action reads anyway. Anything else (a rotated-in key, a retired key, an account
    /// that is no entity) asks the holder registry, which owns the bindings.
    /// A call from the holder registry is an authority's signed call that it relays (so authorities need no
    /// ether): the signing key is appended to the calldata, as ERC-2771 does, and resolved like any caller.
    function _actor() internal view override returns (address) {
        address sender = msg.sender;
        IHolderRegistry holders = _holders;
        if (sender == address(holders)) {
            assembly ("memory-safe") {
                sender := shr(96, calldataload(sub(calldatasize(), 20)))
            }
        }
        Entity storage own = _entities[sender];
        if (own.status != EntityStatus.None && !own.keyMoved) return sender;
        address identity = holders.identityOf(sender);
        // Raised here rather than bubbled from the holder registry, so it is in this contract's ABI.
        if (identity == address(0) && sender != address(0)) revert IKeyBindings.KeyRetired(sender);
        return identity;
    }

    function _wasEverBound(address account) internal view override returns (bool) {
        return _holders.identityOf(account) != account;
    }

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view returns (bool) {
        _ownerOf(tokenId);
        return true;
    }

    function getApproved(uint256 tokenId) external view returns (address) {
        _ownerOf(tokenId);
        return address(0);
    }

    function isApprovedForAll(address, address) external pure returns (bool) {
        return false;
    }

    function approve(address, uint256 tokenId) external pure {
        revert IdentityTokenSoulbound(tokenId);
    }

    function setApprovalForAll(address, bool) external pure {
        revert IdentityTokenSoulbound(0);
    }

    function transferFrom(address, address, uint256 tokenId) external pure {
        revert IdentityTokenSoulbound(tokenId);
    }

    function safeTransferFrom(address, address, uint256 tokenId) external pure {
        revert IdentityTokenSoulbound(tokenId);
    }

    function safeTransferFrom(address, address, uint256 tokenId, bytes calldata) external pure {
        revert IdentityTokenSoulbound(tokenId);
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(IERC721).interfaceId
            || interfaceId == type(IERC721Metadata).interfaceId || interfaceId == type(IERC5192).interfaceId
            || interfaceId == bytes4(0x49064906);
    }

    function _ownerOf(uint256 tokenId) private view returns (address owner) {
        // Ids above 2^160 are not addresses and so never tokens; below it the cast is lossless.
        if (tokenId >> 160 != 0) revert ERC721NonexistentToken(tokenId);
        // forge-lint: disable-next-line(unsafe-typecast)
        owner = address(uint160(tokenId));
        if (!exists(owner)) revert ERC721NonexistentToken(tokenId);
    }
}
