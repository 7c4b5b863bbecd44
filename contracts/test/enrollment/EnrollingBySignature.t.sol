// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IEnrollmentRegistry} from "../../src/interfaces/IEnrollmentRegistry.sol";
import {EntityKind} from "../../src/interfaces/IdentityTypes.sol";
import {EnrollmentFixture} from "./EnrollmentFixture.sol";

/// @notice `enrollFromSignature`: the enrollee signs, anyone relays. The digest is built here from EIP-712's
/// definition and the domain the contract reports (ERC-5267), not from the contract's own hashing.
interface VmChain {
    function chainId(uint256 newChainId) external;
}

contract EnrollingBySignatureTest is EnrollmentFixture {
    uint256 internal constant CAROL_KEY = uint256(keccak256("carol"));
    uint256 internal constant SHOP_KEY = uint256(keccak256("shop"));
    address internal carol = vm.addr(CAROL_KEY);
    address internal shop = vm.addr(SHOP_KEY);
    bytes32 internal carolsPhoto = keccak256("carol's photo");

    function setUp() public override {
        super.setUp();
        _register(admin, carol, EntityKind.Person);
        _register(admin, shop, EntityKind.Organization);
    }

    function _digest(address enrollee, bytes32 image, bytes32 root, uint8 count, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        (, string memory name, string memory version, uint256 chainId, address verifying,,) =
            enrollments.eip712Domain();
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifying
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Enroll(address enrollee,bytes32 imageHash,bytes32 fieldsRoot,uint8 fieldCount,uint256 deadline)"
                ),
                enrollee,
                image,
                root,
                count,
                deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vmx.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function test_records_the_signed_enrollment_for_the_enrollee_whoever_relays_it() public {
        uint256 deadline = block.timestamp + 600;
        bytes memory signature = _sign(CAROL_KEY, _digest(carol, carolsPhoto, fieldsRoot, FIELDS, deadline));
        vm.expectEmit(true, true, true, true, address(enrollments));
        emit IEnrollmentRegistry.EnrollmentRecorded(
            keccak256(abi.encode(carol, carolsPhoto, fieldsRoot)), carol, carolsPhoto, fieldsRoot, FIELDS
        );
        vm.prank(dealer);
        bytes32 recorded = enrollments.enrollFromSignature(carol, carolsPhoto, fieldsRoot, FIELDS, deadline, signature);
        assertEq(recorded, keccak256(abi.encode(carol, carolsPhoto, fieldsRoot)), "the enrollee's id, not the relayer's");
        assertEq(enrollments.enrollment(recorded).fieldCount, FIELDS, "recorded");
    }

    function test_accepts_a_message_until_its_deadline_and_not_after() public {
        uint256 deadline = block.timestamp + 60;
        bytes memory signature = _sign(CAROL_KEY, _digest(carol, carolsPhoto, fieldsRoot, FIELDS, deadline));
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentSignatureExpired.selector, deadline));
        enrollments.enrollFromSignature(carol, carolsPhoto, fieldsRoot, FIELDS, deadline, signature);
        vm.warp(deadline);
        enrollments.enrollFromSignature(carol, carolsPhoto, fieldsRoot, FIELDS, deadline, signature);
    }

    function test_refuses_a_signature_by_anyone_but_the_enrollee() public {
        uint256 deadline = block.timestamp + 600;
        bytes memory bySomeoneElse = _sign(SHOP_KEY, _digest(carol, carolsPhoto, fieldsRoot, FIELDS, deadline));
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentSignatureInvalid.selector, carol));
        enrollments.enrollFromSignature(carol, carolsPhoto, fieldsRoot, FIELDS, deadline, bySomeoneElse);
    }

    function test_refuses_a_signature_over_another_message() public {
        uint256 deadline = block.timestamp + 600;
        bytes memory signature = _sign(CAROL_KEY, _digest(carol, carolsPhoto, fieldsRoot, FIELDS, deadline));
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentSignatureInvalid.selector, carol));
        enrollments.enrollFromSignature(carol, carolsPhoto, fieldsRoot, FIELDS - 1, deadline, signature);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentSignatureInvalid.selector, carol));
        enrollments.enrollFromSignature(carol, carolsPhoto, fieldsRoot, FIELDS, deadline + 1, signature);
    }

    function test_a_message_records_its_enrollment_once() public {
        uint256 deadline = block.timestamp + 600;
        bytes memory signature = _sign(CAROL_KEY, _digest(carol, carolsPhoto, fieldsRoot, FIELDS, deadline));
        bytes32 recorded = enrollments.enrollFromSignature(carol, carolsPhoto, fieldsRoot, FIELDS, deadline, signature);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentAlreadyRecorded.selector, recorded));
        enrollments.enrollFromSignature(carol, carolsPhoto, fieldsRoot, FIELDS, deadline, signature);
    }

    function test_refuses_an_enrollee_who_is_not_a_person_even_with_a_good_signature() public {
        uint256 deadline = block.timestamp + 600;
        bytes memory signature = _sign(SHOP_KEY, _digest(shop, carolsPhoto, fieldsRoot, FIELDS, deadline));
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentNotAPerson.selector, shop));
        enrollments.enrollFromSignature(shop, carolsPhoto, fieldsRoot, FIELDS, deadline, signature);
    }

    function test_on_a_fork_with_another_chain_id_the_message_names_that_chain() public {
        uint256 deadline = block.timestamp + 600;
        bytes memory onTheOldChain = _sign(CAROL_KEY, _digest(carol, carolsPhoto, fieldsRoot, FIELDS, deadline));
        VmChain(address(vm)).chainId(block.chainid + 1);
        vm.expectRevert(abi.encodeWithSelector(IEnrollmentRegistry.EnrollmentSignatureInvalid.selector, carol));
        enrollments.enrollFromSignature(carol, carolsPhoto, fieldsRoot, FIELDS, deadline, onTheOldChain);
        bytes memory onTheFork = _sign(CAROL_KEY, _digest(carol, carolsPhoto, fieldsRoot, FIELDS, deadline));
        enrollments.enrollFromSignature(carol, carolsPhoto, fieldsRoot, FIELDS, deadline, onTheFork);
    }
}
