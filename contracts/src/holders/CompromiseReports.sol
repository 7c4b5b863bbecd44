// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Compromise, ICompromiseReports} from "../interfaces/ICompromiseReports.sol";
import {EntityStatus} from "../interfaces/IdentityTypes.sol";
import {KeyBindings} from "./KeyBindings.sol";

/// @dev A report only dates the cut-off the registry already made; verifiers combine it with each credential's
/// anchoring time, which the registry does not store (its credential slot is full) but its events carry.
abstract contract CompromiseReports is KeyBindings, ICompromiseReports {
    mapping(address account => Compromise report) private _compromises;

    /// @inheritdoc ICompromiseReports
    function reportCompromise(address account, uint40 since) external {
        address registrar = _registrarAbove(account);
        if (since == 0 || since > block.timestamp) revert CompromiseTimeInvalid(account, since);
        EntityStatus status = _registry.entity(account).status;
        if (status != EntityStatus.Suspended && status != EntityStatus.Revoked) revert CompromiseNotCutOff(account);
        if (_compromises[account].reportedAt != 0) revert CompromiseAlreadyReported(account);
        _compromises[account] = Compromise(since, uint40(block.timestamp), status);
        emit CompromiseReported(account, registrar, since, status);
    }

    /// @inheritdoc ICompromiseReports
    function compromiseOf(address account) external view returns (Compromise memory) {
        return _compromises[account];
    }
}
