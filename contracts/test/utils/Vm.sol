// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The forge cheatcodes these tests use, and nothing else.
/// @dev forge answers calls to this address itself; see the Foundry book for each cheatcode's semantics.
interface Vm {
    /// @notice One event captured by `recordLogs`.
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    /// @notice The next call (only) is made with `msgSender` as msg.sender.
    function prank(address msgSender) external;

    /// @notice Every call until `stopPrank` is made with `msgSender` as msg.sender.
    function startPrank(address msgSender) external;

    function stopPrank() external;

    /// @notice Sets block.timestamp.
    function warp(uint256 newTimestamp) external;

    /// @notice The next call must revert with exactly `revertData`.
    function expectRevert(bytes calldata revertData) external;

    /// @notice The next call must revert with data starting with `revertData`.
    function expectRevert(bytes4 revertData) external;

    /// @notice The next event emitted must match the one the test emits right after this call.
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;

    /// @notice As above, and the event must come from `emitter`.
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter) external;

    /// @notice Discards the current fuzz input when `condition` is false.
    function assume(bool condition) external pure;

    /// @notice The address of private key `privateKey`.
    function addr(uint256 privateKey) external pure returns (address keyAddr);

    /// @notice Names `account` in traces.
    function label(address account, string calldata newLabel) external;

    /// @notice Starts recording every storage slot read and written.
    function record() external;

    /// @notice The slots of `target` read and written since `record`.
    function accesses(address target) external returns (bytes32[] memory readSlots, bytes32[] memory writeSlots);

    /// @notice Starts capturing every event emitted.
    function recordLogs() external;

    /// @notice The events emitted since `recordLogs` (or the previous call of this), then forgets them.
    function getRecordedLogs() external returns (Log[] memory logs);

    /// @notice The raw value of storage slot `slot` of `target`.
    function load(address target, bytes32 slot) external view returns (bytes32 data);

    function toString(address value) external pure returns (string memory);

    function toString(bytes32 value) external pure returns (string memory);

    function toString(uint256 value) external pure returns (string memory);

    function toString(bool value) external pure returns (string memory);

    function toString(bytes calldata value) external pure returns (string memory);
}

/// @notice Gives a contract the cheatcodes; handlers use it without the assertions of `Test`.
abstract contract WithCheatcodes {
    /// @dev `address(uint160(uint256(keccak256("hevm cheat code"))))`, where forge listens.
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    /// @notice Maps `value` into `[min, max]` (inclusive) without discarding fuzz inputs.
    function _bound(uint256 value, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "_bound: min > max");
        uint256 size = max - min;
        // size + 1 overflows only for the full uint256 range, where every value already fits.
        if (size == type(uint256).max) return value;
        return min + (value % (size + 1));
    }
}
