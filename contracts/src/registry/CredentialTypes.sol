// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ICredentialRegistry} from "../interfaces/ICredentialRegistry.sol";
import {CredentialTypeRules} from "../interfaces/IdentityTypes.sol";
import {IdentityToken} from "./IdentityToken.sol";

/// @dev Credential type definitions, owned by the root authority.
abstract contract CredentialTypes is IdentityToken, ICredentialRegistry {
    /// @dev Flat so that an anchor reads its type's rules in one slot.
    struct TypeRecord {
        bool defined;
        bool transferable;
        bool governmentOnly;
        bool parentLinks;
        bool appendable;
        uint8 sourceType;
    }

    uint8 internal constant BIRTH_CERTIFICATE = 1;
    uint8 internal constant SCHOLAR_CURRICULUM = 2;
    uint8 internal constant PASSPORT = 3;
    uint8 internal constant CAR_TITLE = 4;

    mapping(uint8 credentialType => TypeRecord record) internal _types;
    mapping(uint8 credentialType => bytes32 name) private _typeNames;
    mapping(bytes32 name => uint8 credentialType) private _typeByName;
    uint8 private _typeCount;

    constructor() {
        _defineType("BirthCertificate", CredentialTypeRules(false, true, true, false, 0));
        _defineType("ScholarCurriculum", CredentialTypeRules(false, false, false, true, BIRTH_CERTIFICATE));
        _defineType("Passport", CredentialTypeRules(false, true, false, false, 0));
        _defineType("CarTitle", CredentialTypeRules(true, false, false, false, 0));
    }

    /// @inheritdoc ICredentialRegistry
    function defineCredentialType(bytes32 typeName, CredentialTypeRules calldata rules)
        external
        onlyRoot
        returns (uint8)
    {
        return _defineType(typeName, rules);
    }

    /// @inheritdoc ICredentialRegistry
    function credentialTypeRules(uint8 credentialType) external view returns (CredentialTypeRules memory) {
        TypeRecord memory t = _requireType(credentialType);
        return CredentialTypeRules(t.transferable, t.governmentOnly, t.parentLinks, t.appendable, t.sourceType);
    }

    /// @inheritdoc ICredentialRegistry
    function credentialTypeName(uint8 credentialType) external view returns (bytes32) {
        _requireType(credentialType);
        return _typeNames[credentialType];
    }

    /// @inheritdoc ICredentialRegistry
    function credentialTypeCount() external view returns (uint8) {
        return _typeCount;
    }

    function _defineType(bytes32 typeName, CredentialTypeRules memory rules) private returns (uint8 id) {
        if (typeName == bytes32(0) || _typeByName[typeName] != 0) revert CredentialTypeNameInvalid(typeName);
        if (_typeCount == type(uint8).max) revert CredentialTypeLimitReached();
        if (rules.sourceType != 0) _requireType(rules.sourceType);
        id = ++_typeCount;
        _types[id] = TypeRecord(
            true, rules.transferable, rules.governmentOnly, rules.parentLinks, rules.appendable, rules.sourceType
        );
        _typeNames[id] = typeName;
        _typeByName[typeName] = id;
        emit CredentialTypeDefined(id, typeName, rules);
    }

    function _requireType(uint8 credentialType) internal view returns (TypeRecord memory t) {
        t = _types[credentialType];
        if (!t.defined) revert CredentialTypeUnknown(credentialType);
    }
}
