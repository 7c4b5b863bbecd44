// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EntityStatus} from "../../src/interfaces/IdentityTypes.sol";
import {RegistryInvariantTest} from "./RegistryInvariantTest.sol";

/// @notice Identity tokens: one per entity, and they never move.
contract SoulboundTokensInvariantTest is RegistryInvariantTest {
    function invariant_EachEntityHoldsAtMostOneToken() public view {
        for (uint256 i; i < handler.poolSize(); ++i) {
            address account = handler.actorAt(i);
            bool registered = handler.entityOf(account).status != EntityStatus.None;
            uint256 balance = registry.balanceOf(account);
            assertLe(balance, 1, "balance");
            assertEq(balance, registered ? 1 : 0, "balance matches registration");
            if (registered) assertEq(registry.ownerOf(uint256(uint160(account))), account, "owner");
        }
    }

    function invariant_TokensNeverMove() public view {
        assertEq(handler.tokenMovements(), 0, "a transfer or approval succeeded");
        for (uint256 i; i < handler.poolSize(); ++i) {
            address account = handler.actorAt(i);
            if (handler.entityOf(account).status == EntityStatus.None) continue;
            uint256 tokenId = uint256(uint160(account));
            assertEq(registry.ownerOf(tokenId), account, "owner");
            assertTrue(registry.locked(tokenId), "locked");
            assertEq(registry.getApproved(tokenId), address(0), "approved");
        }
    }
}
