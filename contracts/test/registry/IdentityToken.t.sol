// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IRootAuthority} from "../../src/interfaces/IRootAuthority.sol";
import {IIdentityToken} from "../../src/interfaces/IIdentityToken.sol";
import {Vm} from "../utils/Vm.sol";
import {RegistryFixture} from "../utils/RegistryFixture.sol";

contract IdentityTokenTest is RegistryFixture {
    uint256 internal constant FIRST_NON_ADDRESS_ID = uint256(1) << 160;

    // ---- metadata ----

    function test_NameIsIdentreeIdentity() public view {
        assertEq(registry.name(), "Identree Identity", "name");
    }

    function test_SymbolIsIDT() public view {
        assertEq(registry.symbol(), "IDT", "symbol");
    }

    function test_TokenURIIsEmptyWithoutABase() public view {
        assertEq(registry.tokenURI(_tokenOf(alice)), "", "tokenURI");
    }

    function test_TokenURIIsTheBaseFollowedByTheDecimalId() public {
        vm.prank(root);
        registry.setBaseTokenURI("https://id.example/token/");
        assertEq(
            registry.tokenURI(_tokenOf(alice)),
            string.concat("https://id.example/token/", vm.toString(_tokenOf(alice))),
            "tokenURI"
        );
    }

    function test_RootClearsTheBaseTokenURI() public {
        vm.startPrank(root);
        registry.setBaseTokenURI("https://id.example/token/");
        registry.setBaseTokenURI("");
        vm.stopPrank();
        assertEq(registry.tokenURI(_tokenOf(alice)), "", "tokenURI");
    }

    /// @dev FAILS against the current contract: setBaseTokenURI changes every token's metadata without
    /// emitting anything, so indexers and wallets never learn of it. Any event satisfies this test;
    /// ERC-4906 `BatchMetadataUpdate(0, type(uint256).max)` is the standard one (see the report).
    function test_SetBaseTokenURIEmitsAnEvent() public {
        vm.recordLogs();
        vm.prank(root);
        registry.setBaseTokenURI("https://id.example/token/");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 fromRegistry;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(registry)) ++fromRegistry;
        }
        assertTrue(fromRegistry > 0, "setBaseTokenURI changed state without emitting an event");
    }

    function testFuzz_RevertWhen_SomeoneOtherThanRootSetsTheBaseTokenURI(address caller) public {
        vm.assume(caller != root);
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IRootAuthority.RootUnauthorizedAccount.selector, caller));
        vm.prank(caller);
        registry.setBaseTokenURI("https://evil.example/");
        assertEq(_stateDigest(), before, "state changed");
        assertEq(registry.tokenURI(_tokenOf(alice)), "", "tokenURI");
    }

    function test_RevertWhen_AskingTheTokenURIOfAnUnregisteredAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, _tokenOf(stranger)));
        registry.tokenURI(_tokenOf(stranger));
    }

    // ---- balances and owners ----

    function test_ARegisteredEntityHoldsOneToken() public view {
        assertEq(registry.balanceOf(alice), 1, "balance");
    }

    function test_AnUnregisteredAccountHoldsNoToken() public view {
        assertEq(registry.balanceOf(stranger), 0, "balance");
    }

    function test_ARevokedEntityKeepsItsToken() public {
        _revoke(admin, alice);
        assertEq(registry.balanceOf(alice), 1, "balance");
        assertEq(registry.ownerOf(_tokenOf(alice)), alice, "owner");
    }

    function test_RevertWhen_AskingTheBalanceOfZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidOwner.selector, address(0)));
        registry.balanceOf(address(0));
    }

    function test_TheOwnerOfATokenIsTheAccountItNames() public view {
        assertEq(registry.ownerOf(_tokenOf(alice)), alice, "owner");
        assertEq(registry.ownerOf(_tokenOf(root)), root, "owner of root's token");
    }

    function test_RevertWhen_AskingTheOwnerOfAnUnregisteredAccountsToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, _tokenOf(stranger)));
        registry.ownerOf(_tokenOf(stranger));
    }

    function test_RevertWhen_AskingTheOwnerOfTokenZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 0));
        registry.ownerOf(0);
    }

    function testFuzz_RevertWhen_AskingTheOwnerOfAnIdAboveTheAddressRange(uint256 tokenId) public {
        tokenId = _bound(tokenId, FIRST_NON_ADDRESS_ID, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, tokenId));
        registry.ownerOf(tokenId);
    }

    function test_RevertWhen_AnIdAliasesARegisteredAddressAboveBit160() public {
        // The low 160 bits name alice, but the id is not hers.
        uint256 aliased = FIRST_NON_ADDRESS_ID | _tokenOf(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, aliased));
        registry.ownerOf(aliased);
    }

    // ---- ERC-5192 ----

    function test_EveryExistingTokenIsLocked() public {
        assertTrue(registry.locked(_tokenOf(alice)), "alice's token");
        _suspend(admin, alice);
        assertTrue(registry.locked(_tokenOf(alice)), "suspended alice's token");
    }

    function test_RevertWhen_AskingWhetherAnUnregisteredAccountsTokenIsLocked() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, _tokenOf(stranger)));
        registry.locked(_tokenOf(stranger));
    }

    function test_RevertWhen_AskingWhetherAnIdAboveTheAddressRangeIsLocked() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, FIRST_NON_ADDRESS_ID));
        registry.locked(FIRST_NON_ADDRESS_ID);
    }

    // ---- approvals ----

    function test_AnExistingTokenHasNoApprovedAccount() public view {
        assertEq(registry.getApproved(_tokenOf(alice)), address(0), "approved");
    }

    function test_RevertWhen_AskingTheApprovedAccountOfAnUnregisteredAccountsToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, _tokenOf(stranger)));
        registry.getApproved(_tokenOf(stranger));
    }

    function testFuzz_NoOperatorIsEverApproved(address owner, address operator) public view {
        assertFalse(registry.isApprovedForAll(owner, operator), "approved for all");
    }

    // ---- soulbound: every transfer and approval path reverts ----

    function testFuzz_RevertWhen_AnyoneApprovesAToken(address caller, address spender) public {
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IIdentityToken.IdentityTokenSoulbound.selector, _tokenOf(alice)));
        vm.prank(caller);
        registry.approve(spender, _tokenOf(alice));
        assertEq(_stateDigest(), before, "state changed");
    }

    function testFuzz_RevertWhen_AnyoneApprovesAnOperator(address caller, address operator, bool approved) public {
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IIdentityToken.IdentityTokenSoulbound.selector, 0));
        vm.prank(caller);
        registry.setApprovalForAll(operator, approved);
        assertEq(_stateDigest(), before, "state changed");
    }

    function testFuzz_RevertWhen_AnyoneTransfersAToken(address caller, address to) public {
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IIdentityToken.IdentityTokenSoulbound.selector, _tokenOf(alice)));
        vm.prank(caller);
        registry.transferFrom(alice, to, _tokenOf(alice));
        assertEq(_stateDigest(), before, "state changed");
        assertEq(registry.ownerOf(_tokenOf(alice)), alice, "owner");
    }

    function test_RevertWhen_TheOwnerTransfersItsOwnToken() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityToken.IdentityTokenSoulbound.selector, _tokenOf(alice)));
        vm.prank(alice);
        registry.transferFrom(alice, bob, _tokenOf(alice));
    }

    function testFuzz_RevertWhen_AnyoneSafeTransfersAToken(address caller, address to) public {
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IIdentityToken.IdentityTokenSoulbound.selector, _tokenOf(alice)));
        vm.prank(caller);
        registry.safeTransferFrom(alice, to, _tokenOf(alice));
        assertEq(_stateDigest(), before, "state changed");
        assertEq(registry.ownerOf(_tokenOf(alice)), alice, "owner");
    }

    function testFuzz_RevertWhen_AnyoneSafeTransfersATokenWithData(address caller, address to, bytes calldata data)
        public
    {
        bytes32 before = _stateDigest();
        vm.expectRevert(abi.encodeWithSelector(IIdentityToken.IdentityTokenSoulbound.selector, _tokenOf(alice)));
        vm.prank(caller);
        registry.safeTransferFrom(alice, to, _tokenOf(alice), data);
        assertEq(_stateDigest(), before, "state changed");
        assertEq(registry.ownerOf(_tokenOf(alice)), alice, "owner");
    }

    // ---- ERC-165 ----

    function test_SupportsERC165() public view {
        assertTrue(registry.supportsInterface(0x01ffc9a7), "ERC-165");
    }

    function test_SupportsERC721() public view {
        assertTrue(registry.supportsInterface(0x80ac58cd), "ERC-721");
    }

    function test_SupportsERC721Metadata() public view {
        assertTrue(registry.supportsInterface(0x5b5e139f), "ERC-721 metadata");
    }

    function test_SupportsERC5192() public view {
        assertTrue(registry.supportsInterface(0xb45a3c0e), "ERC-5192");
        assertTrue(registry.supportsInterface(0x49064906), "ERC-4906");
    }

    function test_DoesNotSupportTheInvalidInterfaceId() public view {
        assertFalse(registry.supportsInterface(0xffffffff), "0xffffffff");
    }

    function testFuzz_DoesNotSupportOtherInterfaces(bytes4 interfaceId) public view {
        vm.assume(
            interfaceId != 0x01ffc9a7 && interfaceId != 0x80ac58cd && interfaceId != 0x5b5e139f
                && interfaceId != 0xb45a3c0e && interfaceId != 0x49064906
        );
        assertFalse(registry.supportsInterface(interfaceId), "unexpected interface");
    }
}
