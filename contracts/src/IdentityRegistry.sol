// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IHolderSignatures} from "./interfaces/IHolderSignatures.sol";
import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";
import {PopulationBatches} from "./registry/PopulationBatches.sol";
import {HolderSignatures} from "./registry/HolderSignatures.sol";

/// @title Identree identity registry
/// @notice The deployer becomes the root government. See IIdentityRegistry and its parts for behaviour,
/// and docs/upgrades.md for how a deployment is replaced.
contract IdentityRegistry is PopulationBatches, HolderSignatures, IIdentityRegistry {
    /// @inheritdoc IIdentityRegistry
    function version() external pure returns (string memory) {
        return "1.2.0";
    }

    /// @inheritdoc IIdentityRegistry
    function holderRegistry() external view returns (address) {
        return address(_holders);
    }

    /// @inheritdoc IHolderSignatures
    /// @dev Named again only because both OpenZeppelin's Nonces and IIdentityRegistry declare it.
    function nonces(address holder) public view override(HolderSignatures, IHolderSignatures) returns (uint256) {
        return super.nonces(holder);
    }
}
