// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {HolderFixture} from "../utils/HolderFixture.sol";
import {Compromise, ICompromiseReports} from "../../src/interfaces/ICompromiseReports.sol";
import {IKeyBindings} from "../../src/interfaces/IKeyBindings.sol";
import {EntityKind, EntityStatus} from "../../src/interfaces/IdentityTypes.sol";

/// @notice Issue 23 §2: a registrar above a compromised authority dates the compromise after cutting it off, so
/// verifiers can void what was anchored since then and keep what was anchored before.
contract CompromiseReportsTest is HolderFixture {
    uint40 internal constant STOLEN_AT = 1_000_000;

    function setUp() public override {
        super.setUp();
        vm.warp(STOLEN_AT + 3_600);
    }

    function test_ARegistrarAboveDatesTheCompromiseOfASuspendedAuthority() public {
        _suspend(root, ministry);
        vm.prank(root);
        holders.reportCompromise(ministry, STOLEN_AT);
        Compromise memory report = holders.compromiseOf(ministry);
        assertEq(report.since, STOLEN_AT, "since");
        assertEq(report.reportedAt, uint40(block.timestamp), "reportedAt is the report's block time");
        assertEq(uint256(report.cutOff), uint256(EntityStatus.Suspended), "cut-off status");
    }

    function test_ARevokedIssuerCanBeReportedByTheGovernmentThatRegisteredIt() public {
        _revoke(ministry, university);
        vm.prank(ministry);
        holders.reportCompromise(university, STOLEN_AT);
        assertEq(uint256(holders.compromiseOf(university).cutOff), uint256(EntityStatus.Revoked), "cut-off status");
    }

    function test_AnActiveAuthorityMustBeCutOffFirst() public {
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(ICompromiseReports.CompromiseNotCutOff.selector, ministry));
        holders.reportCompromise(ministry, STOLEN_AT);
    }

    function test_OnlyTheRegistrationChainReports() public {
        _suspend(ministry, university);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyNotInRegistrationChain.selector, stranger, university));
        holders.reportCompromise(university, STOLEN_AT);
        // The authority itself cannot date (or postpone) its own compromise either.
        vm.prank(university);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyNotInRegistrationChain.selector, university, university));
        holders.reportCompromise(university, STOLEN_AT);
    }

    function test_ARetiredRegistrarKeyReportsNothing() public {
        _suspend(ministry, university);
        address newKey = _rotate(ministry, ministry, 0xA11CE);
        vm.prank(ministry);
        vm.expectRevert(abi.encodeWithSelector(IKeyBindings.KeyRetired.selector, ministry));
        holders.reportCompromise(university, STOLEN_AT);
        vm.prank(newKey);
        holders.reportCompromise(university, STOLEN_AT);
        assertEq(holders.compromiseOf(university).since, STOLEN_AT, "reported through the current key");
    }

    function testFuzz_TheTimeMustBeInThePast(uint40 since) public {
        vm.assume(since == 0 || since > block.timestamp);
        _suspend(root, ministry);
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(ICompromiseReports.CompromiseTimeInvalid.selector, ministry, since));
        holders.reportCompromise(ministry, since);
    }

    function test_AReportIsMadeOnceAndSurvivesReinstatement() public {
        _suspend(root, ministry);
        vm.prank(root);
        holders.reportCompromise(ministry, STOLEN_AT);
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(ICompromiseReports.CompromiseAlreadyReported.selector, ministry));
        holders.reportCompromise(ministry, STOLEN_AT - 1);
        vm.prank(root);
        registry.reinstateEntity(ministry);
        assertEq(holders.compromiseOf(ministry).since, STOLEN_AT, "the window stays after reinstatement");
        assertEq(_statusOf(ministry), uint256(EntityStatus.Active), "reinstated");
    }

    function test_NoReportForAnUnregisteredAccount() public {
        vm.prank(root);
        vm.expectRevert(abi.encodeWithSelector(ICompromiseReports.CompromiseNotCutOff.selector, stranger));
        holders.reportCompromise(stranger, STOLEN_AT);
    }
}
