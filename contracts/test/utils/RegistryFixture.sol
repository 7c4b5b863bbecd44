// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IdentityRegistry} from "../../src/IdentityRegistry.sol";
import {CredentialRequest, EntityKind} from "../../src/interfaces/IdentityTypes.sol";
import {Test} from "./Test.sol";

/// @notice A deployed registry with a small population, and the steps tests repeat.
/// @dev Population: `root` deployed the registry; `ministry` (Government) was registered by root;
/// `admin` (Admin) and `university` (Issuer) by the ministry; `alice`, `bob` (Person) and `dealer`
/// (Organization) by the admin.
abstract contract RegistryFixture is Test {
    uint8 internal constant BIRTH_CERTIFICATE = 1;
    uint8 internal constant SCHOLAR_CURRICULUM = 2;
    uint8 internal constant PASSPORT = 3;
    uint8 internal constant CAR_TITLE = 4;
    uint8 internal constant DEFAULT_TYPE_COUNT = 4;

    /// @dev A plausible "now" (Nov 2023), so windows in the past and the future both fit in uint32.
    uint32 internal constant START = 1_700_000_000;
    uint32 internal constant VALIDITY = 3650 days;

    IdentityRegistry internal registry;

    address internal root = _actor("root");
    address internal ministry = _actor("ministry");
    address internal admin = _actor("admin");
    address internal university = _actor("university");
    address internal dealer = _actor("dealer");
    address internal alice = _actor("alice");
    address internal bob = _actor("bob");
    address internal stranger = _actor("stranger");

    /// @dev Everyone the digest of `_stateDigest` covers.
    address[] internal _actors;
    /// @dev Credentials anchored through `_anchor`, covered by `_stateDigest`.
    bytes32[] internal _uids;

    function setUp() public virtual {
        vm.warp(START);
        vm.prank(root);
        registry = new IdentityRegistry();
        vm.label(address(registry), "registry");
        _actors.push(root);
        _register(root, ministry, EntityKind.Government);
        _register(ministry, admin, EntityKind.Admin);
        _register(ministry, university, EntityKind.Issuer);
        _register(admin, alice, EntityKind.Person);
        _register(admin, bob, EntityKind.Person);
        _register(admin, dealer, EntityKind.Organization);
        _actors.push(stranger);
    }

    // ---- steps ----

    function _actor(string memory name) internal returns (address account) {
        account = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(account, name);
    }

    function _register(address registrar, address account, EntityKind kind) internal {
        vm.prank(registrar);
        registry.registerEntity(account, kind);
        _actors.push(account);
    }

    function _suspend(address by, address account) internal {
        vm.prank(by);
        registry.suspendEntity(account);
    }

    function _revoke(address by, address account) internal {
        vm.prank(by);
        registry.revokeEntity(account);
    }

    function _accredit(address government, address issuer, uint8 credentialType) internal {
        vm.prank(government);
        registry.accreditIssuer(issuer, credentialType);
    }

    /// @notice A commitment standing for a real one (the root of salted attribute hashes).
    function _commitment(string memory seed) internal pure returns (bytes32) {
        return keccak256(abi.encode("commitment", seed));
    }

    /// @notice A request valid from now for ten years, with no source.
    function _request(address subject, uint8 credentialType, bytes32 commitment)
        internal
        view
        returns (CredentialRequest memory)
    {
        return _derivedRequest(subject, credentialType, commitment, bytes32(0));
    }

    function _derivedRequest(address subject, uint8 credentialType, bytes32 commitment, bytes32 source)
        internal
        view
        returns (CredentialRequest memory)
    {
        uint32 now_ = uint32(block.timestamp);
        return CredentialRequest({
            subject: subject,
            credentialType: credentialType,
            validFrom: now_,
            validUntil: now_ + VALIDITY,
            commitment: commitment,
            source: source
        });
    }

    function _anchor(address issuer, CredentialRequest memory request) internal returns (bytes32 uid) {
        vm.prank(issuer);
        uid = registry.anchorCredential(request);
        _track(uid);
    }

    /// @dev A call whose revert a test expected returns normally, so only real anchors are tracked.
    function _track(bytes32 uid) internal {
        if (registry.credential(uid).subject != address(0)) _uids.push(uid);
    }

    /// @notice The ministry anchors `subject`'s birth certificate, parents unknown.
    function _anchorBirthCertificate(address subject) internal returns (bytes32 uid) {
        CredentialRequest memory request =
            _request(subject, BIRTH_CERTIFICATE, _commitment(string.concat("birth of ", vm.toString(subject))));
        vm.prank(ministry);
        uid = registry.anchorBirthCertificate(request, address(0), address(0));
        _track(uid);
    }

    /// @notice The university, accredited for curricula, anchors one derived from `subject`'s birth certificate.
    function _anchorCurriculum(address subject, bytes32 birthCertificate) internal returns (bytes32 uid) {
        return
            _anchor(
                university, _derivedRequest(subject, SCHOLAR_CURRICULUM, _commitment("curriculum"), birthCertificate)
            );
    }

    function _anchorCarTitle(address subject) internal returns (bytes32 uid) {
        return _anchor(dealer, _request(subject, CAR_TITLE, _commitment("car title")));
    }

    // ---- reading ----

    /// @notice One hash over every view a state-changing call could affect, for "changes nothing" checks.
    function _stateDigest() internal view returns (bytes32 digest) {
        digest = keccak256(
            abi.encode(
                registry.root(),
                registry.pendingRoot(),
                registry.credentialTypeCount(),
                registry.tokenURI(uint256(uint160(root)))
            )
        );
        for (uint256 i; i < _actors.length; ++i) {
            address account = _actors[i];
            digest = keccak256(abi.encode(digest, registry.entity(account), registry.linkedCredentialCount(account)));
            for (uint8 t = 1; t <= DEFAULT_TYPE_COUNT; ++t) {
                digest = keccak256(abi.encode(digest, registry.accreditationOf(account, t)));
            }
        }
        for (uint256 i; i < _uids.length; ++i) {
            bytes32 uid = _uids[i];
            (bytes28 head, uint32 count) = registry.achievementLog(uid);
            digest =
                keccak256(abi.encode(digest, registry.credential(uid), head, count, registry.pendingTransferOf(uid)));
        }
    }

    function _levelOf(bytes32 uid) internal view returns (uint256) {
        return uint256(registry.credential(uid).level);
    }

    function _statusOf(address account) internal view returns (uint256) {
        return uint256(registry.entity(account).status);
    }

    function _tokenOf(address account) internal pure returns (uint256) {
        return uint256(uint160(account));
    }
}
