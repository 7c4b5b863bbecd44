// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Entity, EntityKind} from "../../src/interfaces/IdentityTypes.sol";
import {GhostEntity} from "./handlers/RegistryHandler.sol";
import {RegistryInvariantTest} from "./RegistryInvariantTest.sol";

/// @notice Registrations, status changes and root handovers happen only with the standing for them.
contract StandingInvariantTest is RegistryInvariantTest {
    function invariant_RootIsAlwaysAnActiveGovernment() public view {
        address root = registry.root();
        assertEq(root, handler.ghostRoot(), "root");
        assertTrue(registry.isActive(root), "root active");
        assertEq(uint256(registry.kindOf(root)), uint256(EntityKind.Government), "root kind");
    }

    function invariant_NoEntityChangesWithoutStanding() public view {
        assertEq(handler.unentitledEntityChanges(), 0, "entity changes without standing");
    }

    function invariant_EntityRecordsMatchTheModel() public view {
        for (uint256 i; i < handler.poolSize(); ++i) {
            address account = handler.actorAt(i);
            GhostEntity memory expected = handler.entityOf(account);
            Entity memory stored = registry.entity(account);
            assertEq(uint256(stored.kind), uint256(expected.kind), "kind");
            assertEq(uint256(stored.status), uint256(expected.status), "status");
            assertEq(stored.registrar, expected.registrar, "registrar");
        }
    }
}
