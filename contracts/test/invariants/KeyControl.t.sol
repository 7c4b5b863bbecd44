// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {InvariantTest} from "../utils/InvariantTest.sol";
import {KeyHandler} from "./handlers/KeyHandler.sol";

/// @notice Issue 23 §1 as invariants: under any order of rotations and registrar rebinds of root, a
/// government, an accredited issuer and a person, no retired key succeeds at any entry point, and one key
/// serves at most one identity.
contract KeyControlInvariantTest is InvariantTest {
    KeyHandler internal handler;

    function setUp() public {
        handler = new KeyHandler();
        _targetActions(address(handler), handler.actions());
    }

    function invariant_NoRetiredKeyEverSucceeds() public view {
        assertEq(handler.retiredSuccesses(), 0, "a retired key acted");
    }

    function invariant_NoKeyThatWasEverBoundBecomesAnEntity() public view {
        assertEq(handler.boundKeysRegistered(), 0, "a bound or retired key was registered as an entity");
    }

    function invariant_OneKeyServesAtMostOneIdentity() public view {
        for (uint256 i; i < 4; ++i) {
            address identity = handler.identities(i);
            address key = handler.currentKey(identity);
            assertEq(handler.holders().keyOf(identity), key, "keyOf follows the model");
            assertEq(handler.holders().identityOf(key), identity, "the current key serves its identity");
            for (uint256 j = i + 1; j < 4; ++j) {
                assertTrue(handler.currentKey(handler.identities(j)) != key, "two identities share a key");
            }
        }
        for (uint256 r; r < handler.retiredCount(); ++r) {
            assertEq(handler.holders().identityOf(handler.retired(r)), address(0), "a retired key serves someone");
        }
    }

    /// Positive control: the attempts are judged over keys that really retired, and the same calls by
    /// current keys do succeed, so a zero count above means refusals, not calls that could never work.
    function test_HandlerRetiresKeysAndCurrentKeysStillAct() public {
        handler.rotate(1);
        handler.rebind(2);
        handler.rotate(0);
        assertEq(handler.retiredCount(), 3, "three keys retired");
        for (uint256 action; action < 21; ++action) handler.tryRetiredKey(action, action);
        assertEq(handler.retiredSuccesses(), 0, "retired keys refused");
        handler.actWithCurrentKey(0);
        handler.actWithCurrentKey(1);
        assertEq(handler.currentKeySuccesses(), 2, "current keys of root and the ministry act");
    }
}
