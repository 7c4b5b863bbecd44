// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {CertificationLevel, Credential} from "../../src/interfaces/IdentityTypes.sol";
import {GhostCredential, GhostCredentialBatch} from "./handlers/RegistryHandler.sol";
import {RegistryInvariantTest} from "./RegistryInvariantTest.sol";

/// @notice No account obtains a certification level without the standing for it.
contract CertificationLevelsInvariantTest is RegistryInvariantTest {
    function invariant_EveryLevelMatchesTheIssuersStandingAtAnchoring() public view {
        for (uint256 i; i < handler.credentialCount(); ++i) {
            (bytes32 uid, GhostCredential memory record) = handler.credentialAt(i);
            CertificationLevel level = registry.credential(uid).level;
            assertEq(uint256(level), uint256(record.expectedLevel), "level differs from the model");
            if (level == CertificationLevel.GovernmentCertified) {
                assertTrue(record.issuerWasActiveGovernment, "GovernmentCertified without an active government");
            }
            if (level == CertificationLevel.Accredited) {
                assertTrue(record.issuerWasAccredited, "Accredited without an active accreditor");
            }
        }
    }

    function invariant_EveryBatchLevelMatchesTheIssuersStandingAtAnchoring() public view {
        for (uint256 i; i < handler.credentialBatchCount(); ++i) {
            GhostCredentialBatch memory batch = handler.credentialBatchAt(i);
            CertificationLevel level = registry.credentialBatch(batch.batchId).level;
            assertEq(uint256(level), uint256(batch.expectedLevel), "batch level differs from the model");
            if (level == CertificationLevel.GovernmentCertified) {
                assertTrue(batch.issuerWasActiveGovernment, "GovernmentCertified batch without an active government");
            }
            if (level == CertificationLevel.Accredited) {
                assertTrue(batch.issuerWasAccredited, "Accredited batch without an active accreditor");
            }
        }
    }

    function invariant_NoCredentialIsAnchoredWithoutStanding() public view {
        assertEq(handler.unentitledAnchors(), 0, "anchors without standing");
        for (uint256 i; i < handler.credentialCount(); ++i) {
            (bytes32 uid, GhostCredential memory record) = handler.credentialAt(i);
            Credential memory stored = registry.credential(uid);
            assertEq(uid, registry.credentialId(record.issuer, record.commitment), "id binds the issuer");
            assertEq(stored.credentialType, record.credentialType, "type");
            assertEq(stored.validFrom, record.validFrom, "validFrom");
            assertEq(stored.validUntil, record.validUntil, "validUntil");
        }
    }

    function invariant_NoCredentialChangesWithoutTheRightParty() public view {
        assertEq(handler.unentitledCredentialChanges(), 0, "credential changes without standing");
    }
}
