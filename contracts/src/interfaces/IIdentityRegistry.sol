// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRootAuthority} from "./IRootAuthority.sol";
import {IEntityRegistry} from "./IEntityRegistry.sol";
import {IIdentityToken} from "./IIdentityToken.sol";
import {ICredentialRegistry} from "./ICredentialRegistry.sol";
import {IIdentityTree} from "./IIdentityTree.sol";
import {IPopulationBatches} from "./IPopulationBatches.sol";
import {IHolderSignatures} from "./IHolderSignatures.sol";

/// @title Identree registry: one contract for entities, identity tokens, credentials and trees.
/// @dev One contract so that standing checks are internal reads, not external calls.
interface IIdentityRegistry is
    IRootAuthority,
    IEntityRegistry,
    IIdentityToken,
    ICredentialRegistry,
    IIdentityTree,
    IPopulationBatches,
    IHolderSignatures
{
    /// @notice Registry version, bumped by every storage or behaviour change (see docs/upgrades.md).
    function version() external pure returns (string memory);

    /// @notice The holder registry (keys, guardians, consent) this registry deployed and trusts.
    function holderRegistry() external view returns (address);
}
