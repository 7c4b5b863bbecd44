// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IdentityRegistry} from "../../src/IdentityRegistry.sol";
import {IRootAuthority} from "../../src/interfaces/IRootAuthority.sol";
import {ICredentialRegistry} from "../../src/interfaces/ICredentialRegistry.sol";
import {CredentialTypeRules} from "../../src/interfaces/IdentityTypes.sol";
import {RegistryFixture} from "../utils/RegistryFixture.sol";

contract CredentialTypesTest is RegistryFixture {
    bytes32 internal constant PASSPORT_NAME = "Passport";
    bytes32 internal constant DIPLOMA_NAME = "Diploma";

    function _diplomaRules() internal pure returns (CredentialTypeRules memory) {
        return CredentialTypeRules({
            transferable: false, governmentOnly: false, parentLinks: false, appendable: true, sourceType: 1
        });
    }

    function _define(bytes32 typeName, CredentialTypeRules memory rules) internal returns (uint8) {
        vm.prank(root);
        return registry.defineCredentialType(typeName, rules);
    }

    function _assertRules(uint8 credentialType, CredentialTypeRules memory expected) internal view {
        CredentialTypeRules memory rules = registry.credentialTypeRules(credentialType);
        assertEq(rules.transferable, expected.transferable, "transferable");
        assertEq(rules.governmentOnly, expected.governmentOnly, "governmentOnly");
        assertEq(rules.parentLinks, expected.parentLinks, "parentLinks");
        assertEq(rules.appendable, expected.appendable, "appendable");
        assertEq(rules.sourceType, expected.sourceType, "sourceType");
    }

    // ---- the four default types ----

    function test_FourTypesExistFromDeployment() public view {
        assertEq(registry.credentialTypeCount(), 4, "count");
    }

    function test_TypeOneIsTheBirthCertificate() public view {
        assertEq(registry.credentialTypeName(BIRTH_CERTIFICATE), "BirthCertificate", "name");
        _assertRules(BIRTH_CERTIFICATE, CredentialTypeRules(false, true, true, false, 0));
    }

    function test_TypeTwoIsTheScholarCurriculumDerivedFromABirthCertificate() public view {
        assertEq(registry.credentialTypeName(SCHOLAR_CURRICULUM), "ScholarCurriculum", "name");
        _assertRules(SCHOLAR_CURRICULUM, CredentialTypeRules(false, false, false, true, BIRTH_CERTIFICATE));
    }

    function test_TypeThreeIsThePassport() public view {
        assertEq(registry.credentialTypeName(PASSPORT), "Passport", "name");
        _assertRules(PASSPORT, CredentialTypeRules(false, true, false, false, 0));
    }

    function test_TypeFourIsTheTransferableCarTitle() public view {
        assertEq(registry.credentialTypeName(CAR_TITLE), "CarTitle", "name");
        _assertRules(CAR_TITLE, CredentialTypeRules(true, false, false, false, 0));
    }

    function test_DeploymentEmitsCredentialTypeDefinedForEachDefaultType() public {
        vm.expectEmit(true, true, true, true);
        emit ICredentialRegistry.CredentialTypeDefined(
            BIRTH_CERTIFICATE, "BirthCertificate", CredentialTypeRules(false, true, true, false, 0)
        );
        vm.expectEmit(true, true, true, true);
        emit ICredentialRegistry.CredentialTypeDefined(
            SCHOLAR_CURRICULUM, "ScholarCurriculum", CredentialTypeRules(false, false, false, true, 1)
        );
        vm.expectEmit(true, true, true, true);
        emit ICredentialRegistry.CredentialTypeDefined(
            PASSPORT, "Passport", CredentialTypeRules(false, true, false, false, 0)
        );
        vm.expectEmit(true, true, true, true);
        emit ICredentialRegistry.CredentialTypeDefined(
            CAR_TITLE, "CarTitle", CredentialTypeRules(true, false, false, false, 0)
        );
        new IdentityRegistry();
    }

    // ---- defineCredentialType ----

    function test_RootDefinesACredentialTypeWithTheNextId() public {
        uint8 id = _define("Diploma", _diplomaRules());
        assertEq(id, DEFAULT_TYPE_COUNT + 1, "id");
        assertEq(registry.credentialTypeCount(), DEFAULT_TYPE_COUNT + 1, "count");
    }

    function test_ADefinedTypeKeepsItsNameAndRules() public {
        uint8 id = _define("Diploma", _diplomaRules());
        assertEq(registry.credentialTypeName(id), "Diploma", "name");
        _assertRules(id, _diplomaRules());
    }

    function test_DefineCredentialTypeEmitsCredentialTypeDefined() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICredentialRegistry.CredentialTypeDefined(DEFAULT_TYPE_COUNT + 1, "Diploma", _diplomaRules());
        _define("Diploma", _diplomaRules());
    }

    function testFuzz_RevertWhen_SomeoneOtherThanRootDefinesAType(address caller) public {
        vm.assume(caller != root);
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IRootAuthority.RootUnauthorizedAccount.selector, caller));
        vm.prank(caller);
        registry.defineCredentialType("Diploma", _diplomaRules());
        assertEq(_stateDigest(), before, "state changed");
    }

    function test_RevertWhen_AGovernmentOtherThanRootDefinesAType() public {
        vm.expectRevert(abi.encodeWithSelector(IRootAuthority.RootUnauthorizedAccount.selector, ministry));
        vm.prank(ministry);
        registry.defineCredentialType("Diploma", _diplomaRules());
    }

    function test_RevertWhen_TheNameIsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeNameInvalid.selector, bytes32(0)));
        _define(bytes32(0), _diplomaRules());
    }

    function test_RevertWhen_TheNameDuplicatesADefaultType() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeNameInvalid.selector, PASSPORT_NAME));
        _define("Passport", _diplomaRules());
    }

    function test_RevertWhen_TheNameDuplicatesADefinedType() public {
        _define("Diploma", _diplomaRules());
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeNameInvalid.selector, DIPLOMA_NAME));
        _define("Diploma", CredentialTypeRules(true, false, false, false, 0));
    }

    function test_RevertWhen_TheSourceTypeIsUnknown() public {
        CredentialTypeRules memory rules = _diplomaRules();
        rules.sourceType = DEFAULT_TYPE_COUNT + 1;
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialTypeUnknown.selector, DEFAULT_TYPE_COUNT + 1)
        );
        _define("Diploma", rules);
    }

    function test_ATypeMayDeriveFromADefinedType() public {
        uint8 diploma = _define("Diploma", _diplomaRules());
        uint8 transcript = _define("Transcript", CredentialTypeRules(false, false, false, false, diploma));
        assertEq(registry.credentialTypeRules(transcript).sourceType, diploma, "sourceType");
    }

    function test_TypesRunUpTo255() public {
        vm.startPrank(root);
        for (uint256 i = DEFAULT_TYPE_COUNT + 1; i <= 255; ++i) {
            registry.defineCredentialType(bytes32(i), CredentialTypeRules(false, false, false, false, 0));
        }
        vm.stopPrank();
        assertEq(registry.credentialTypeCount(), 255, "count");
        assertEq(registry.credentialTypeName(255), bytes32(uint256(255)), "name of type 255");
    }

    function test_RevertWhen_Defining256thType() public {
        vm.startPrank(root);
        for (uint256 i = DEFAULT_TYPE_COUNT + 1; i <= 255; ++i) {
            registry.defineCredentialType(bytes32(i), CredentialTypeRules(false, false, false, false, 0));
        }
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeLimitReached.selector));
        registry.defineCredentialType("OneTooMany", CredentialTypeRules(false, false, false, false, 0));
        vm.stopPrank();
        assertEq(registry.credentialTypeCount(), 255, "count");
    }

    // ---- reading unknown types ----

    function test_RevertWhen_ReadingTheRulesOfAnUnknownType() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeUnknown.selector, 5));
        registry.credentialTypeRules(5);
    }

    function test_RevertWhen_ReadingTheNameOfAnUnknownType() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeUnknown.selector, 5));
        registry.credentialTypeName(5);
    }

    function test_RevertWhen_ReadingTypeZero() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialTypeUnknown.selector, 0));
        registry.credentialTypeRules(0);
    }
}
