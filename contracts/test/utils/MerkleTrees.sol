// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EntityKind} from "../../src/interfaces/IdentityTypes.sol";

/// @notice Builds Merkle roots and proofs that OpenZeppelin's MerkleProof accepts (sorted-pair
/// keccak), over the double-hashed leaves of IPopulationBatches.
/// @dev A node without a sibling moves up unchanged, so any number of leaves works.
library MerkleTrees {
    function identityLeaf(address account, EntityKind kind, uint32 index) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, kind, index))));
    }

    function credentialLeaf(uint32 index, address subject, bytes32 commitment) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, subject, commitment))));
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            level = _up(level);
        }
        return level[0];
    }

    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory path) {
        bytes32[] memory siblings = new bytes32[](256);
        uint256 depth;
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < level.length) siblings[depth++] = level[sibling];
            level = _up(level);
            index /= 2;
        }
        path = new bytes32[](depth);
        for (uint256 i; i < depth; ++i) {
            path[i] = siblings[i];
        }
    }

    /// @notice The leaf hashes as `anchor*Batch` takes them in `leaves`: concatenated, 32 bytes each.
    function published(bytes32[] memory leaves) internal pure returns (bytes memory) {
        return abi.encodePacked(leaves);
    }

    function _up(bytes32[] memory level) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((level.length + 1) / 2);
        for (uint256 i; i < next.length; ++i) {
            uint256 left = 2 * i;
            next[i] = left + 1 < level.length ? _hashPair(level[left], level[left + 1]) : level[left];
        }
    }

    function _hashPair(bytes32 a, bytes32 b) private pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
    }
}
