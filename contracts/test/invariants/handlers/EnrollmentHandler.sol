// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EnrollmentRegistry} from "../../../src/enrollment/EnrollmentRegistry.sol";
import {FieldConfirmation, FieldOutcome} from "../../../src/interfaces/IEnrollmentRegistry.sol";
import {VmEnrollment, packBatch} from "../../enrollment/EnrollmentFixture.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Sends one enrollment's verifiers' answers in random order, agreeing or not, as the identity
/// provider would, and remembers each field's first decided outcome.
contract EnrollmentHandler is Test {
    VmEnrollment internal constant vmx = VmEnrollment(address(vm));
    EnrollmentRegistry internal immutable _enrollments;
    bytes32 internal immutable _id;
    address internal immutable _provider;
    uint8 internal immutable _fields;
    mapping(address verifier => uint256 key) internal _keys;
    mapping(uint8 field => FieldOutcome outcome) public firstOutcome;
    uint256 public recorded;

    constructor(EnrollmentRegistry enrollments, bytes32 id, address provider, uint8 fields, uint256[] memory keys) {
        (_enrollments, _id, _provider, _fields) = (enrollments, id, provider, fields);
        for (uint256 i; i < keys.length; ++i) _keys[vm.addr(keys[i])] = keys[i];
    }

    /// @dev One answer for an open slot of an undecided field; anything else is skipped, not sent.
    function answer(uint256 fieldSeed, uint256 slotSeed, bool agrees) external {
        uint8 field = uint8(fieldSeed % _fields);
        if (_enrollments.fieldOutcome(_id, field) != FieldOutcome.Pending) return;
        uint8 open = uint8(3 * _enrollments.roundsOf(_id, field));
        uint8 slot = uint8(slotSeed % open);
        FieldConfirmation[] memory batch = new FieldConfirmation[](1);
        batch[0] = _signed(field, slot, agrees);
        vm.prank(_provider);
        try _enrollments.recordConfirmations(_id, packBatch(batch)) {
            ++recorded;
        } catch {
            return; // the slot had answered already
        }
        FieldOutcome now_ = _enrollments.fieldOutcome(_id, field);
        if (firstOutcome[field] == FieldOutcome.Pending) firstOutcome[field] = now_;
    }

    function _signed(uint8 field, uint8 slot, bool agrees) internal view returns (FieldConfirmation memory c) {
        address v = _enrollments.assignedVerifier(_id, field, slot);
        bytes32 text = agrees ? keccak256(abi.encode("text", field)) : keccak256("corrected");
        bytes32 digest = _enrollments.confirmationDigest(_id, field, keccak256(abi.encode("crop", field)), text, agrees, v);
        (uint8 pv, bytes32 r, bytes32 s) = vmx.sign(_keys[v], digest);
        c = FieldConfirmation({
            field: field, slot: slot, agrees: agrees, textHash: agrees ? bytes32(0) : text, r: r, vs: bytes32(uint256(s) | (uint256(pv - 27) << 255))
        });
    }
}
