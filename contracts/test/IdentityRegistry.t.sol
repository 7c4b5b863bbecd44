// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IdentityRegistry} from "../src/IdentityRegistry.sol";
import {IEntityRegistry} from "../src/interfaces/IEntityRegistry.sol";
import {IERC5192} from "../src/interfaces/IERC5192.sol";
import {Entity, EntityKind, EntityStatus} from "../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "./utils/RegistryFixture.sol";

/// @notice The deployed registry as a whole: version and the state right after deployment.
contract IdentityRegistryTest is RegistryFixture {
    function test_VersionIs1_2_0() public view {
        assertEq(registry.version(), "1.2.0", "version");
    }

    function test_TheDeployerIsAnActiveGovernmentRegisteredByItself() public view {
        Entity memory record = registry.entity(root);
        assertEq(record.registrar, root, "registrar");
        assertEq(uint256(record.kind), uint256(EntityKind.Government), "kind");
        assertEq(uint256(record.status), uint256(EntityStatus.Active), "status");
        assertEq(record.registeredAt, START, "registeredAt");
    }

    function test_TheDeployerHoldsItsIdentityToken() public view {
        assertEq(registry.balanceOf(root), 1, "balance");
        assertEq(registry.ownerOf(_tokenOf(root)), root, "owner");
    }

    function test_DeploymentEmitsTheDeployersRegistration() public {
        address deployer = _actor("deployer");
        vm.expectEmit(true, true, true, true);
        emit IEntityRegistry.EntityRegistered(deployer, deployer, EntityKind.Government);
        vm.expectEmit(true, true, true, true);
        emit IERC721.Transfer(address(0), deployer, _tokenOf(deployer));
        vm.expectEmit(true, true, true, true);
        emit IERC5192.Locked(_tokenOf(deployer));
        vm.prank(deployer);
        new IdentityRegistry();
    }
}
