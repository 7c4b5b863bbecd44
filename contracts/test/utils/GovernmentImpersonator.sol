// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IIdentityRegistry} from "../../src/interfaces/IIdentityRegistry.sol";
import {CredentialRequest} from "../../src/interfaces/IdentityTypes.sol";

/// @notice An attacker's issuer contract. It claims to belong to the real government the way the
/// reference design asked issuers to (`government()`, `owner()`), hoping the registry believes it.
contract GovernmentImpersonator {
    IIdentityRegistry private immutable _registry;
    address private immutable _claimedGovernment;

    constructor(IIdentityRegistry registry, address claimedGovernment) {
        _registry = registry;
        _claimedGovernment = claimedGovernment;
    }

    function government() external view returns (address) {
        return _claimedGovernment;
    }

    function owner() external view returns (address) {
        return address(this);
    }

    /// @notice Anchors with this contract as the issuer; reverts bubble up unchanged.
    function anchor(CredentialRequest calldata request) external returns (bytes32) {
        return _registry.anchorCredential(request);
    }

    /// @notice Anchors a credential batch with this contract as the issuer; reverts bubble up unchanged.
    function anchorBatch(bytes32 root, uint32 size, uint8 credentialType, uint32 validFrom, uint32 validUntil)
        external
        returns (uint256)
    {
        return _registry.anchorCredentialBatch(root, size, credentialType, validFrom, validUntil, "");
    }

    function accredit(address issuer, uint8 credentialType) external {
        _registry.accreditIssuer(issuer, credentialType);
    }
}
