// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {InvariantTest} from "../utils/InvariantTest.sol";
import {HolderHandler} from "./handlers/HolderHandler.sol";

/// @notice Consent and recovery hold under any order of grants, revocations, approvals, cancels,
/// guardian changes, recoveries and time.
contract HolderInvariantTest is InvariantTest {
    HolderHandler internal handler;

    function setUp() public {
        handler = new HolderHandler();
        _targetActions(address(handler), handler.actions());
    }

    function invariant_RevokedGrantNeverAnswersYes() public {
        vm.warp(handler.currentTime());
        for (uint256 i; i < 3; ++i) {
            address verifier = handler.verifierAt(i);
            bool yes = handler.holders().checkAccess(handler.holder(), verifier, handler.uid(), bytes26(0));
            if (handler.revokedNotRegranted(verifier)) assertFalse(yes, "revoked grant answered yes");
            if (block.timestamp >= handler.expiresAt(verifier)) assertFalse(yes, "expired grant answered yes");
        }
    }

    function invariant_RecoveryNeverCompletesWithFewerThanThresholdDistinctGuardians() public view {
        assertEq(handler.recoveriesBelowThreshold(), 0, "recovery with fewer than M distinct guardians");
    }

    function invariant_ControlIsWithTheLastRecoveredKey() public view {
        assertEq(handler.holders().keyOf(handler.holder()), handler.currentKey(), "key");
    }

    /// Positive control: the handler's own path does recover with two approvals, and does not with one,
    /// so the invariant above is judged over recoveries that really happen.
    function test_HandlerRecoversWithTwoApprovalsAndNotWithOne() public {
        handler.approve(0, 0);
        handler.advance(3 days);
        handler.finalize(0);
        assertEq(handler.recoveries(), 0, "one approval");
        handler.approve(1, 0);
        handler.advance(3 days);
        handler.finalize(0);
        assertEq(handler.recoveries(), 1, "two approvals");
        assertEq(handler.holders().keyOf(handler.holder()), handler.currentKey(), "moved");
    }
}
