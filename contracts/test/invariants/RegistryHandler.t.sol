// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {RegistryHandler} from "./handlers/RegistryHandler.sol";
import {Test} from "../utils/Test.sol";

/// @notice Guards the invariant suites against passing vacuously: driven by the same kind of random
/// input as the fuzzer, the handler must reach the success path of every action.
contract RegistryHandlerTest is Test {
    uint256 internal constant RUNS = 50;
    uint256 internal constant DEPTH = 64;

    function _random(uint256 seed, uint256 index) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, index)));
    }

    function _step(RegistryHandler handler, uint256 seed) internal {
        uint256 action = seed % 21;
        uint256 a = _random(seed, 1);
        uint256 b = _random(seed, 2);
        uint256 c = _random(seed, 3);
        bool flag = _random(seed, 4) % 2 == 0;
        if (action == 0) {
            handler.registerEntity(a, b, c);
        } else if (action == 1) {
            handler.suspendEntity(a, b, flag);
        } else if (action == 2) {
            handler.reinstateEntity(a, b, flag);
        } else if (action == 3) {
            handler.revokeEntity(a, b);
        } else if (action == 4) {
            handler.accreditIssuer(a, b, c);
        } else if (action == 5) {
            handler.revokeAccreditation(a, b, c, flag);
        } else if (action == 6) {
            handler.anchorCredential(a, b, c, _random(seed, 5), _random(seed, 6), _random(seed, 7), _random(seed, 8));
        } else if (action == 7) {
            handler.anchorBirthCertificate(a, b, c, _random(seed, 5), _random(seed, 6));
        } else if (action == 8) {
            handler.revokeCredential(a, b, flag);
        } else if (action == 9) {
            handler.addAchievement(a, bytes32(b));
        } else if (action == 10) {
            handler.linkCredential(a, b, flag);
        } else if (action == 11) {
            handler.unlinkCredential(a, b, flag);
        } else if (action == 12) {
            handler.transferCredential(a, b, flag);
        } else if (action == 13) {
            handler.moveIdentityToken(a, b, c);
        } else if (action == 14) {
            handler.transferRoot(a, flag);
        } else if (action == 15) {
            handler.acceptRoot(a, flag);
        } else if (action == 16) {
            handler.passTime(a);
        } else if (action == 17) {
            handler.anchorIdentityBatch(a, b, c);
        } else if (action == 18) {
            handler.claimIdentity(a, b, flag);
        } else if (action == 19) {
            handler.anchorCredentialBatch(a, b, c, _random(seed, 5), _random(seed, 6));
        } else {
            handler.revokeBatchCredential(a, b, flag);
        }
    }

    function test_TheHandlerReachesEverySuccessPath() public {
        string[20] memory actions = [
            "register",
            "suspend",
            "reinstate",
            "revoke",
            "acceptRoot",
            "accredit",
            "revokeAccreditation",
            "birthCertificate",
            "anchor",
            "accreditedAnchor",
            "derivedAnchor",
            "revokeCredential",
            "achievement",
            "link",
            "unlink",
            "transfer",
            "identityBatch",
            "claimIdentity",
            "credentialBatch",
            "revokeBatchCredential"
        ];
        uint256[20] memory totals;
        for (uint256 run; run < RUNS; ++run) {
            RegistryHandler handler = new RegistryHandler();
            for (uint256 call; call < DEPTH; ++call) {
                _step(handler, _random(run, call));
            }
            for (uint256 i; i < actions.length; ++i) {
                totals[i] += handler.successes(actions[i]);
            }
            assertEq(handler.tokenMovements(), 0, "token movements");
            assertEq(handler.unentitledAnchors(), 0, "unentitled anchors");
            assertEq(handler.unentitledCredentialChanges(), 0, "unentitled credential changes");
            assertEq(handler.unentitledEntityChanges(), 0, "unentitled entity changes");
        }
        for (uint256 i; i < actions.length; ++i) {
            assertTrue(totals[i] > 0, string.concat("no successful ", actions[i]));
        }
    }
}
