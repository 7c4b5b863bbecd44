// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {GhostCredential, GhostCredentialBatch} from "./handlers/RegistryHandler.sol";
import {RegistryInvariantTest} from "./RegistryInvariantTest.sol";

/// @notice A revoked or expired credential is never reported valid.
contract CredentialValidityInvariantTest is RegistryInvariantTest {
    function invariant_RevokedOrExpiredCredentialsAreNeverValid() public atHandlerTime {
        for (uint256 i; i < handler.credentialCount(); ++i) {
            (bytes32 uid, GhostCredential memory record) = handler.credentialAt(i);
            bool outsideWindow = block.timestamp < record.validFrom || block.timestamp >= record.validUntil;
            if (record.revoked || outsideWindow) {
                assertFalse(registry.isCredentialValid(uid), "revoked or expired credential reported valid");
            }
        }
    }

    function invariant_RevokedOrExpiredBatchCredentialsAreNeverValid() public atHandlerTime {
        for (uint256 b; b < handler.credentialBatchCount(); ++b) {
            GhostCredentialBatch memory batch = handler.credentialBatchAt(b);
            bool outsideWindow = block.timestamp < batch.validFrom || block.timestamp >= batch.validUntil;
            for (uint32 i; i < handler.batchSize(); ++i) {
                if (!batch.revoked[i] && !outsideWindow) continue;
                assertFalse(
                    registry.isBatchCredentialValid(
                        batch.batchId, i, batch.subjects[i], batch.commitments[i], handler.batchProof(b, i)
                    ),
                    "revoked or expired batch credential reported valid"
                );
            }
        }
    }

    function invariant_BatchValidityIsExactlyNotRevokedAndInsideTheWindow() public atHandlerTime {
        for (uint256 b; b < handler.credentialBatchCount(); ++b) {
            GhostCredentialBatch memory batch = handler.credentialBatchAt(b);
            bool insideWindow = block.timestamp >= batch.validFrom && block.timestamp < batch.validUntil;
            for (uint32 i; i < handler.batchSize(); ++i) {
                bool valid = registry.isBatchCredentialValid(
                    batch.batchId, i, batch.subjects[i], batch.commitments[i], handler.batchProof(b, i)
                );
                assertEq(valid, insideWindow && !batch.revoked[i], "batch validity");
                assertEq(registry.isBatchCredentialRevoked(batch.batchId, i), batch.revoked[i], "revoked bit");
            }
        }
    }

    function invariant_ValidityIsExactlyNotRevokedAndInsideTheWindow() public atHandlerTime {
        for (uint256 i; i < handler.credentialCount(); ++i) {
            (bytes32 uid, GhostCredential memory record) = handler.credentialAt(i);
            bool expected =
                !record.revoked && block.timestamp >= record.validFrom && block.timestamp < record.validUntil;
            assertEq(registry.isCredentialValid(uid), expected, "validity");
            assertEq(registry.credential(uid).revoked, record.revoked, "revoked flag");
        }
    }
}
