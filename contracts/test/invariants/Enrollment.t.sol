// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {FieldOutcome} from "../../src/interfaces/IEnrollmentRegistry.sol";
import {EnrollmentFixture} from "../enrollment/EnrollmentFixture.sol";
import {FuzzSelector} from "../utils/InvariantTest.sol";
import {EnrollmentHandler} from "./handlers/EnrollmentHandler.sol";

/// @notice Whatever order verifiers answer in, agreeing or not: a decided field stays decided as it was,
/// and reputations stay within 0..1,000.
contract EnrollmentInvariantTest is EnrollmentFixture {
    EnrollmentHandler internal handler;
    address[] private _targets;
    FuzzSelector[] private _selectors;

    function setUp() public override {
        super.setUp();
        handler = new EnrollmentHandler(enrollments, id, university, FIELDS, verifierKeys);
        _targets.push(address(handler));
        bytes4[] memory actions = new bytes4[](1);
        actions[0] = EnrollmentHandler.answer.selector;
        _selectors.push(FuzzSelector(address(handler), actions));
    }

    function targetContracts() public view returns (address[] memory) {
        return _targets;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _selectors;
    }

    function invariant_a_decided_field_keeps_its_outcome() public view {
        for (uint8 f; f < FIELDS; ++f) {
            FieldOutcome first = handler.firstOutcome(f);
            if (first != FieldOutcome.Pending) {
                assertEq(uint256(enrollments.fieldOutcome(id, f)), uint256(first), "outcome changed");
            }
        }
    }

    function invariant_reputations_stay_between_0_and_1000() public view {
        for (uint256 i; i < POOL; ++i) assertLe(enrollments.reputationOf(enrollments.verifierAt(i)), 1000, "reputation");
    }
}
