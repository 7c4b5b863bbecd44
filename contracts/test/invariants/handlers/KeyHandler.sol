// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IdentityRegistry} from "../../../src/IdentityRegistry.sol";
import {HolderRegistry} from "../../../src/holders/HolderRegistry.sol";
import {CredentialRequest, CredentialTypeRules, EntityKind} from "../../../src/interfaces/IdentityTypes.sol";
import {WithCheatcodes} from "../../utils/Vm.sol";

interface VmSigner {
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}

/// @notice Moves the keys of a root, a government, an accredited issuer and a person by rotation and
/// registrar rebind, in random order, and after each move tries every authority and holder entry point
/// with keys that lost control. Counts what should never happen, and checks the bindings against a model.
contract KeyHandler is WithCheatcodes {
    VmSigner internal constant signer = VmSigner(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);
    bytes32 internal constant ACCEPT_KEY_TYPEHASH =
        keccak256("AcceptKey(address identity,address newKey,uint256 nonce,uint256 deadline)");
    uint8 internal constant PASSPORT = 3;
    uint8 internal constant SCHOLAR_CURRICULUM = 2;
    uint8 internal constant CAR_TITLE = 4;

    IdentityRegistry public immutable registry;
    HolderRegistry public immutable holders;
    address[4] public identities;
    /// The commitment each identity anchored a credential under, for revocations and achievements.
    bytes32 internal immutable _passport;
    bytes32 internal immutable _passportCommitment;

    // ---- model ----
    mapping(address identity => address key) public currentKey;
    address[] public retired;
    uint256 public moves;
    uint256 internal _nextPrivateKey = 0x1000;
    /// Calls a retired key made that succeeded: must stay zero.
    uint256 public retiredSuccesses;
    /// Registrations of an address that was ever a bound key: must stay zero.
    uint256 public boundKeysRegistered;
    /// Positive control: calls by current keys that succeeded.
    uint256 public currentKeySuccesses;
    uint256 internal _fresh;

    constructor() {
        vm.warp(1_700_000_000);
        address root = vm.addr(0xF00D);
        vm.prank(root);
        registry = new IdentityRegistry();
        holders = HolderRegistry(registry.holderRegistry());
        address ministry = vm.addr(0xF00E);
        address university = vm.addr(0xF00F);
        address alice = vm.addr(0xF010);
        identities = [root, ministry, university, alice];
        vm.startPrank(root);
        registry.registerEntity(ministry, EntityKind.Government);
        registry.registerEntity(university, EntityKind.Issuer);
        registry.registerEntity(alice, EntityKind.Person);
        vm.stopPrank();
        vm.prank(ministry);
        registry.accreditIssuer(university, CAR_TITLE);
        _passportCommitment = keccak256("handler passport");
        vm.prank(ministry);
        _passport = registry.anchorCredential(_request(alice, _passportCommitment));
        for (uint256 i; i < 4; ++i) currentKey[identities[i]] = identities[i];
    }

    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](5);
        selectors[0] = this.rotate.selector;
        selectors[1] = this.rebind.selector;
        selectors[2] = this.tryRetiredKey.selector;
        selectors[3] = this.actWithCurrentKey.selector;
        selectors[4] = this.registerBoundKey.selector;
    }

    function retiredCount() external view returns (uint256) {
        return retired.length;
    }

    // ---- moves ----

    function rotate(uint256 identitySeed) public {
        address identity = identities[identitySeed % 4];
        uint256 privateKey = _nextPrivateKey++;
        address newKey = vm.addr(privateKey);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(abi.encode(ACCEPT_KEY_TYPEHASH, identity, newKey, holders.nonces(identity), deadline));
        (uint8 v, bytes32 r, bytes32 s) =
            signer.sign(privateKey, keccak256(abi.encodePacked("\x19\x01", holders.DOMAIN_SEPARATOR(), structHash)));
        vm.prank(currentKey[identity]);
        holders.rotateKey(newKey, deadline, abi.encodePacked(r, s, v));
        _moved(identity, newKey);
    }

    function rebind(uint256 identitySeed) public {
        address identity = identities[1 + identitySeed % 3]; // root rebinds the others
        address newKey = vm.addr(_nextPrivateKey++);
        vm.prank(currentKey[identities[0]]);
        holders.rebindByRegistrar(identity, newKey, keccak256("evidence"));
        _moved(identity, newKey);
    }

    // ---- attempts ----

    /// A key that lost control tries one entry point, with arguments its identity could use.
    function tryRetiredKey(uint256 keySeed, uint256 actionSeed) external {
        if (retired.length == 0) return;
        address key = retired[keySeed % retired.length];
        if (_attempt(key, actionSeed)) ++retiredSuccesses;
    }

    /// The current key of a government registers someone new: the positive control for the attempts.
    function actWithCurrentKey(uint256 seed) external {
        address government = identities[seed % 2]; // root or the ministry
        address account = vm.addr(0xA0000 + ++_fresh);
        vm.prank(currentKey[government]);
        (bool ok,) = address(registry).call(abi.encodeCall(registry.registerEntity, (account, EntityKind.Person)));
        if (ok) ++currentKeySuccesses;
    }

    /// Root tries to register a key that was ever bound (current or retired) as an entity.
    function registerBoundKey(uint256 keySeed, bool current) external {
        address key = current ? currentKey[identities[keySeed % 4]] : (retired.length == 0 ? address(0) : retired[keySeed % retired.length]);
        if (key == address(0) || key == identities[keySeed % 4]) return; // an identity's own, never-moved address
        vm.prank(currentKey[identities[0]]);
        (bool ok,) = address(registry).call(abi.encodeCall(registry.registerEntity, (key, EntityKind.Person)));
        if (ok) ++boundKeysRegistered;
    }

    function _attempt(address key, uint256 actionSeed) internal returns (bool ok) {
        address alice = identities[3];
        address university = identities[2];
        address target = address(registry);
        bytes memory data;
        uint256 action = actionSeed % 21;
        CredentialTypeRules memory rules;
        if (action == 0) data = abi.encodeCall(registry.registerEntity, (vm.addr(0xB0000 + ++_fresh), EntityKind.Person));
        else if (action == 1) data = abi.encodeCall(registry.suspendEntity, (alice));
        else if (action == 2) data = abi.encodeCall(registry.revokeEntity, (alice));
        else if (action == 3) data = abi.encodeCall(registry.accreditIssuer, (university, SCHOLAR_CURRICULUM));
        else if (action == 4) data = abi.encodeCall(registry.revokeAccreditation, (university, CAR_TITLE));
        else if (action == 5) data = abi.encodeCall(registry.anchorCredential, (_request(alice, keccak256(abi.encode(++_fresh)))));
        else if (action == 6) data = abi.encodeCall(registry.anchorBirthCertificate, (_birth(alice), address(0), address(0)));
        else if (action == 7) data = abi.encodeCall(registry.revokeCredential, (_passportCommitment));
        else if (action == 8) data = abi.encodeCall(registry.transferRoot, (identities[1]));
        else if (action == 9) data = abi.encodeCall(registry.acceptRoot, ());
        else if (action == 10) data = abi.encodeCall(registry.defineCredentialType, (keccak256(abi.encode("type", ++_fresh)), rules));
        else if (action == 11) data = abi.encodeCall(registry.setBaseTokenURI, ("https://forged.example/"));
        else if (action == 12) data = abi.encodeCall(registry.linkCredential, (_passport));
        else if (action == 13) data = abi.encodeCall(registry.anchorIdentityBatch, (keccak256(abi.encode("batch", ++_fresh)), 1, new bytes(32)));
        else if (action == 14) data = abi.encodeCall(registry.anchorCredentialBatch, (keccak256(abi.encode("cbatch", ++_fresh)), 1, PASSPORT, 0, type(uint32).max, new bytes(32)));
        else if (action == 15) data = abi.encodeCall(registry.reinstateEntity, (alice));
        else if (action == 20) data = abi.encodeCall(registry.revokeCredentialOf, (identities[1], _passportCommitment));
        else {
            target = address(holders);
            if (action == 16) data = abi.encodeCall(holders.rebindByRegistrar, (alice, vm.addr(0xC0000 + ++_fresh), bytes32(0)));
            else if (action == 17) data = abi.encodeCall(holders.grantAccess, (university, _passport, 1 days, bytes26(0)));
            else if (action == 18) data = abi.encodeCall(holders.addGuardian, (university, 1));
            else data = abi.encodeCall(holders.cancelRecovery, ());
        }
        vm.prank(key);
        (ok,) = target.call(data);
    }

    function _moved(address identity, address newKey) internal {
        retired.push(currentKey[identity]);
        currentKey[identity] = newKey;
        ++moves;
    }

    function _request(address subject, bytes32 commitment) internal view returns (CredentialRequest memory) {
        return CredentialRequest({
            subject: subject,
            credentialType: PASSPORT,
            validFrom: 0,
            validUntil: uint32(block.timestamp + 3650 days),
            commitment: commitment,
            source: bytes32(0)
        });
    }

    function _birth(address subject) internal returns (CredentialRequest memory request) {
        request = _request(subject, keccak256(abi.encode("birth", ++_fresh)));
        request.credentialType = 1;
    }
}
