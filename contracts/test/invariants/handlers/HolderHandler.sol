// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IdentityRegistry} from "../../../src/IdentityRegistry.sol";
import {HolderRegistry} from "../../../src/holders/HolderRegistry.sol";
import {CredentialRequest, EntityKind} from "../../../src/interfaces/IdentityTypes.sol";
import {WithCheatcodes} from "../../utils/Vm.sol";

/// @notice Drives grants, revocations, guardian changes, approvals, cancels and recoveries of one holder
/// in random order, and keeps its own model of what should be true to judge the contract by.
contract HolderHandler is WithCheatcodes {
    uint8 public constant THRESHOLD = 2;
    uint32 public constant MAX_GRANT = 365 days;

    IdentityRegistry public immutable registry;
    HolderRegistry public immutable holders;
    address public immutable holder = address(0xA11CE);
    bytes32 public immutable uid;
    address[3] internal _guardians = [address(0x6A1), address(0x6A2), address(0x6A3)];
    address[3] internal _verifiers = [address(0xB1), address(0xB2), address(0xB3)];

    uint256 public currentTime = 1_700_000_000;
    address public currentKey;

    // ---- model ----
    /// Approvals since the last event that must void them (guardian change, cancel, key change).
    uint256 internal _epoch;
    mapping(uint256 epoch => mapping(address newKey => uint16 guardians)) internal _approved;
    uint256 public recoveries;
    uint256 public recoveriesBelowThreshold;
    uint256 public round;
    mapping(address verifier => bool) public revokedNotRegranted;
    mapping(address verifier => uint256) public expiresAt;

    constructor() {
        vm.warp(currentTime);
        registry = new IdentityRegistry();
        holders = HolderRegistry(registry.holderRegistry());
        registry.registerEntity(holder, EntityKind.Person);
        for (uint256 i; i < 3; ++i) registry.registerEntity(_guardians[i], EntityKind.Person);
        // Passports (type 3) exist at deploy; the handler's deployer is root, a government.
        uid = registry.anchorCredential(
            CredentialRequest({
                subject: holder,
                credentialType: 3,
                validFrom: 0,
                validUntil: type(uint32).max,
                commitment: keccak256("handler passport"),
                source: bytes32(0)
            })
        );
        currentKey = holder;
        vm.startPrank(holder);
        holders.addGuardian(_guardians[0], 1);
        holders.addGuardian(_guardians[1], 2);
        holders.addGuardian(_guardians[2], THRESHOLD);
        vm.stopPrank();
    }

    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](8);
        selectors[0] = this.grant.selector;
        selectors[1] = this.revoke.selector;
        selectors[2] = this.approve.selector;
        selectors[3] = this.finalize.selector;
        selectors[4] = this.cancel.selector;
        selectors[5] = this.replaceGuardian.selector;
        selectors[6] = this.approveAsStranger.selector;
        selectors[7] = this.advance.selector;
    }

    function verifierAt(uint256 i) external view returns (address) {
        return _verifiers[i];
    }

    function grant(uint256 v, uint256 duration) external {
        address verifier = _verifiers[v % 3];
        duration = _bound(duration, 1, MAX_GRANT);
        vm.warp(currentTime);
        vm.prank(currentKey);
        holders.grantAccess(verifier, uid, uint32(duration), bytes26(0));
        revokedNotRegranted[verifier] = false;
        expiresAt[verifier] = currentTime + duration;
    }

    function revoke(uint256 v) external {
        address verifier = _verifiers[v % 3];
        vm.warp(currentTime);
        vm.prank(currentKey);
        try holders.revokeAccess(verifier, uid) {
            revokedNotRegranted[verifier] = true;
        } catch {}
    }

    function approve(uint256 g, uint256 k) external {
        uint256 index = g % 3;
        address newKey = candidate(k);
        vm.warp(currentTime);
        vm.prank(_guardians[index]);
        try holders.approveRecovery(holder, newKey) {
            _approved[_epoch][newKey] |= uint16(1 << index);
        } catch {}
    }

    function approveAsStranger(uint256 k, address stranger) external {
        for (uint256 i; i < 3; ++i) if (stranger == _guardians[i]) return;
        vm.warp(currentTime);
        vm.prank(stranger);
        try holders.approveRecovery(holder, candidate(k)) {
            revert("a non-guardian's approval was accepted");
        } catch {}
    }

    function finalize(uint256 k) external {
        address newKey = candidate(k);
        vm.warp(currentTime);
        try holders.finalizeRecovery(holder, newKey) {
            ++recoveries;
            if (_popcount(_approved[_epoch][newKey]) < THRESHOLD) ++recoveriesBelowThreshold;
            currentKey = newKey;
            ++round;
            ++_epoch;
        } catch {}
    }

    function cancel() external {
        vm.warp(currentTime);
        vm.prank(currentKey);
        holders.cancelRecovery();
        ++_epoch;
    }

    function replaceGuardian(uint256 g) external {
        address guardian = _guardians[g % 3];
        vm.warp(currentTime);
        vm.startPrank(currentKey);
        holders.removeGuardian(guardian, THRESHOLD);
        holders.addGuardian(guardian, THRESHOLD);
        vm.stopPrank();
        ++_epoch;
    }

    function advance(uint256 seconds_) external {
        currentTime += _bound(seconds_, 0, 3 days);
    }

    /// @notice Two fresh candidate keys per round, so a finalized key is never proposed again.
    function candidate(uint256 k) public view returns (address) {
        return address(uint160(0xC0DE0000 + round * 2 + (k % 2)));
    }

    function _popcount(uint16 bits) private pure returns (uint256 n) {
        for (; bits != 0; bits &= bits - 1) ++n;
    }
}
