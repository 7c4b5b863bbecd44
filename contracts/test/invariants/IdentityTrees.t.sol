// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {GhostCredential} from "./handlers/RegistryHandler.sol";
import {RegistryInvariantTest} from "./RegistryInvariantTest.sol";

/// @notice Identity trees: every link belongs to the credential's current holder and the counters agree.
contract IdentityTreesInvariantTest is RegistryInvariantTest {
    function invariant_LinksBelongToTheCurrentHolder() public view {
        for (uint256 i; i < handler.credentialCount(); ++i) {
            (bytes32 uid, GhostCredential memory record) = handler.credentialAt(i);
            assertEq(registry.credential(uid).subject, record.subject, "holder");
            assertEq(registry.isLinked(record.subject, uid), record.linked, "isLinked");
        }
    }

    function invariant_LinkCountsEqualTheLinkedCredentials() public view {
        for (uint256 a; a < handler.poolSize(); ++a) {
            address holder = handler.actorAt(a);
            uint256 linked;
            for (uint256 i; i < handler.credentialCount(); ++i) {
                (, GhostCredential memory record) = handler.credentialAt(i);
                if (record.linked && record.subject == holder) ++linked;
            }
            assertEq(registry.linkedCredentialCount(holder), linked, "linkedCredentialCount");
            assertEq(handler.ghostLinkCount(holder), linked, "model count");
        }
    }
}
