// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {RegistryFixture} from "./RegistryFixture.sol";
import {HolderRegistry} from "../../src/holders/HolderRegistry.sol";

/// @notice The one cheatcode holder tests need beyond `Vm`: signing a digest with a private key.
interface VmSigner {
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}

/// @notice The registry fixture plus its holder registry and EIP-712 signing over that registry's domain.
abstract contract HolderFixture is RegistryFixture {
    VmSigner internal constant vmSign = VmSigner(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);
    bytes32 internal constant ACCEPT_KEY_TYPEHASH =
        keccak256("AcceptKey(address identity,address newKey,uint256 nonce,uint256 deadline)");

    HolderRegistry internal holders;

    function setUp() public virtual override {
        super.setUp();
        holders = HolderRegistry(registry.holderRegistry());
        vm.label(address(holders), "holders");
    }

    /// @notice The private key behind a fixture actor (actors are `vm.addr(keccak256(name))`).
    function _keyOf(string memory name) internal pure returns (uint256) {
        return uint256(keccak256(bytes(name)));
    }

    function _sign(uint256 privateKey, bytes32 structHash) internal view returns (bytes memory) {
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", holders.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vmSign.sign(privateKey, digest);
        return abi.encodePacked(r, s, v);
    }

    function _acceptKey(uint256 newKeyPrivate, address identity, uint256 deadline) internal view returns (bytes memory) {
        address newKey = vm.addr(newKeyPrivate);
        return _sign(newKeyPrivate, keccak256(abi.encode(ACCEPT_KEY_TYPEHASH, identity, newKey, holders.nonces(identity), deadline)));
    }

    /// @notice `identity` (by its current key `current`) rotates to the key behind `newKeyPrivate`.
    function _rotate(address current, address identity, uint256 newKeyPrivate) internal returns (address newKey) {
        newKey = vm.addr(newKeyPrivate);
        bytes memory signature = _acceptKey(newKeyPrivate, identity, block.timestamp + 1 hours);
        vm.prank(current);
        holders.rotateKey(newKey, block.timestamp + 1 hours, signature);
    }
}
