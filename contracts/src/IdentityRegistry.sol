// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";
import {PopulationBatches} from "./registry/PopulationBatches.sol";

/// @title Identree identity registry
/// @notice The deployer becomes the root government. See IIdentityRegistry and its parts for behaviour,
/// and docs/upgrades.md for how a deployment is replaced.
contract IdentityRegistry is PopulationBatches, IIdentityRegistry {
    /// @inheritdoc IIdentityRegistry
    function version() external pure returns (string memory) {
        return "1.1.0";
    }
}
