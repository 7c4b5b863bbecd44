// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IdentityRegistry} from "../../../src/IdentityRegistry.sol";
import {
    CertificationLevel,
    CredentialRequest,
    EntityKind,
    EntityStatus
} from "../../../src/interfaces/IdentityTypes.sol";
import {MerkleTrees} from "../../utils/MerkleTrees.sol";
import {WithCheatcodes} from "../../utils/Vm.sol";

/// @notice What the handler believes about one anchored credential, recorded from successful calls
/// and from the issuer's standing in the handler's own model at the moment of anchoring.
struct GhostCredential {
    address issuer;
    bytes32 commitment;
    address subject;
    uint8 credentialType;
    uint32 validFrom;
    uint32 validUntil;
    CertificationLevel expectedLevel;
    /// The issuer was an active government in the model when it anchored.
    bool issuerWasActiveGovernment;
    /// An active government had accredited the issuer for this type in the model when it anchored.
    bool issuerWasAccredited;
    bool revoked;
    bool linked;
}

/// @notice What the handler believes about one credential batch (every batch has BATCH_SIZE entries).
struct GhostCredentialBatch {
    uint256 batchId;
    address issuer;
    uint8 credentialType;
    uint32 validFrom;
    uint32 validUntil;
    CertificationLevel expectedLevel;
    bool issuerWasActiveGovernment;
    bool issuerWasAccredited;
    address[4] subjects;
    bytes32[4] commitments;
    bool[4] revoked;
}

struct GhostIdentityBatch {
    uint256 batchId;
    address registrar;
    address[4] accounts;
    EntityKind[4] kinds;
}

struct Accreditation {
    address issuer;
    uint8 credentialType;
}

struct GhostEntity {
    EntityKind kind;
    EntityStatus status;
    address registrar;
}

/// @notice Drives the registry with random but plausible actions for invariant tests, and keeps a
/// model (ghost state) of who stands where, built only from calls that succeeded.
/// @dev Every action swallows reverts (the registry is expected to refuse most random requests) and
/// counts successes the model says should have been refused.
contract RegistryHandler is WithCheatcodes {
    uint8 internal constant BIRTH_CERTIFICATE = 1;
    uint8 internal constant SCHOLAR_CURRICULUM = 2;
    uint8 internal constant PASSPORT = 3;
    uint8 internal constant CAR_TITLE = 4;
    uint8 internal constant TYPE_COUNT = 4;
    uint256 internal constant POOL_SIZE = 16;
    uint32 internal constant BATCH_SIZE = 4;

    IdentityRegistry public immutable registry;

    /// @dev Fixed pool of accounts; the first ten are registered at construction, the rest may be later.
    address[] internal _pool;
    /// @dev Pool members that were ever registered, so most actions pick someone who exists.
    address[] internal _registered;
    mapping(address account => GhostEntity entity) internal _entities;
    mapping(address issuer => mapping(uint8 credentialType => address government)) internal _accreditations;
    mapping(address holder => uint256 count) public ghostLinkCount;
    bytes32[] internal _uids;
    GhostIdentityBatch[] internal _identityBatches;
    GhostCredentialBatch[] internal _credentialBatches;
    /// @dev Every accreditation ever granted, whether or not it still holds.
    Accreditation[] internal _accredited;
    mapping(bytes32 uid => GhostCredential record) internal _credentials;

    address public ghostRoot;
    address public ghostPendingRoot;
    /// @dev forge does not carry vm.warp from one handler call to the next, so the clock lives here.
    uint256 public currentTime;

    /// Successful ERC-721 transfers or approvals of identity tokens.
    uint256 public tokenMovements;
    /// Anchors that succeeded although the model says the issuer had no standing to make them.
    uint256 public unentitledAnchors;
    /// Revocations, achievements, links and transfers that succeeded for a party the model says may not.
    uint256 public unentitledCredentialChanges;
    /// Registrations and status changes that succeeded although the model says they were not allowed.
    uint256 public unentitledEntityChanges;
    /// How often each kind of action succeeded, so a test can check the fuzzing is not vacuous.
    mapping(string action => uint256 count) public successes;

    modifier atCurrentTime() {
        vm.warp(currentTime);
        _;
    }

    constructor() {
        currentTime = 1_700_000_000;
        vm.warp(currentTime);
        for (uint256 i; i < POOL_SIZE; ++i) {
            _pool.push(vm.addr(uint256(keccak256(abi.encode("invariant actor", i)))));
        }
        ghostRoot = _pool[0];
        vm.prank(ghostRoot);
        registry = new IdentityRegistry();
        _entities[ghostRoot] = GhostEntity(EntityKind.Government, EntityStatus.Active, ghostRoot);
        _registered.push(ghostRoot);
        _seed(0, 1, EntityKind.Government);
        _seed(1, 2, EntityKind.Government);
        _seed(1, 3, EntityKind.Admin);
        _seed(1, 4, EntityKind.Issuer);
        _seed(2, 5, EntityKind.Issuer);
        _seed(3, 6, EntityKind.Organization);
        _seed(3, 7, EntityKind.Person);
        _seed(3, 8, EntityKind.Person);
        _seed(2, 9, EntityKind.Person);
    }

    /// @notice The actions the fuzzer may call.
    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](21);
        selectors[0] = this.registerEntity.selector;
        selectors[1] = this.suspendEntity.selector;
        selectors[2] = this.reinstateEntity.selector;
        selectors[3] = this.revokeEntity.selector;
        selectors[4] = this.accreditIssuer.selector;
        selectors[5] = this.revokeAccreditation.selector;
        selectors[6] = this.anchorCredential.selector;
        selectors[7] = this.anchorBirthCertificate.selector;
        selectors[8] = this.revokeCredential.selector;
        selectors[9] = this.addAchievement.selector;
        selectors[10] = this.linkCredential.selector;
        selectors[11] = this.unlinkCredential.selector;
        selectors[12] = this.transferCredential.selector;
        selectors[13] = this.moveIdentityToken.selector;
        selectors[14] = this.transferRoot.selector;
        selectors[15] = this.acceptRoot.selector;
        selectors[16] = this.passTime.selector;
        selectors[17] = this.anchorIdentityBatch.selector;
        selectors[18] = this.claimIdentity.selector;
        selectors[19] = this.anchorCredentialBatch.selector;
        selectors[20] = this.revokeBatchCredential.selector;
    }

    // ---- entities ----

    function registerEntity(uint256 registrarSeed, uint256 accountSeed, uint256 kindSeed) external atCurrentTime {
        address registrar = _member(registrarSeed);
        address account = _actor(accountSeed);
        EntityKind kind = EntityKind(_bound(kindSeed, 0, 5));
        bool entitled = _isActive(registrar) && _modelCanRegister(_entities[registrar].kind, kind)
            && _entities[account].status == EntityStatus.None;
        vm.prank(registrar);
        try registry.registerEntity(account, kind) {
            if (!entitled) ++unentitledEntityChanges;
            ++successes["register"];
            _entities[account] = GhostEntity(kind, EntityStatus.Active, registrar);
            _registered.push(account);
        } catch {}
    }

    function suspendEntity(uint256 callerSeed, uint256 targetSeed, bool asRoot) external atCurrentTime {
        _changeStatus(callerSeed, targetSeed, asRoot, EntityStatus.Suspended);
    }

    function reinstateEntity(uint256 callerSeed, uint256 targetSeed, bool asRoot) external atCurrentTime {
        // Mostly someone who is suspended, the only status reinstating applies to.
        if (targetSeed % 4 != 0) {
            for (uint256 i; i < _registered.length; ++i) {
                uint256 index = (targetSeed % _registered.length + i) % _registered.length;
                if (_entities[_registered[index]].status == EntityStatus.Suspended) {
                    targetSeed = index << 3 | 1;
                    break;
                }
            }
        }
        _changeStatus(callerSeed, targetSeed, asRoot, EntityStatus.Active);
    }

    /// @dev Revocation is final, so unlike the other status changes root is not favoured as the caller:
    /// the population would otherwise die out within a few calls.
    function revokeEntity(uint256 callerSeed, uint256 targetSeed) external atCurrentTime {
        _changeStatus(callerSeed, targetSeed, false, EntityStatus.Revoked);
    }

    function _changeStatus(uint256 callerSeed, uint256 targetSeed, bool asRoot, EntityStatus to) internal {
        address caller = asRoot ? ghostRoot : _member(callerSeed);
        address target = _member(targetSeed);
        EntityStatus current = _entities[target].status;
        bool transitionAllowed = to == EntityStatus.Revoked
            ? current == EntityStatus.Active || current == EntityStatus.Suspended
            : to == EntityStatus.Suspended ? current == EntityStatus.Active : current == EntityStatus.Suspended;
        bool callerAllowed = caller == ghostRoot || (_isActive(caller) && _modelInChain(caller, target));
        bool entitled = transitionAllowed && callerAllowed && target != ghostRoot;
        vm.prank(caller);
        bool ok;
        if (to == EntityStatus.Suspended) {
            try registry.suspendEntity(target) {
                ok = true;
            } catch {}
        } else if (to == EntityStatus.Active) {
            try registry.reinstateEntity(target) {
                ok = true;
            } catch {}
        } else {
            try registry.revokeEntity(target) {
                ok = true;
            } catch {}
        }
        if (ok) {
            ++successes[to == EntityStatus.Suspended ? "suspend" : to == EntityStatus.Active ? "reinstate" : "revoke"];
            if (!entitled) ++unentitledEntityChanges;
            _entities[target].status = to;
        }
    }

    // ---- root ----

    function transferRoot(uint256 newRootSeed, bool cancel) external atCurrentTime {
        address newRoot = cancel ? address(0) : _standing(newRootSeed, true);
        vm.prank(ghostRoot);
        try registry.transferRoot(newRoot) {
            if (newRoot != address(0) && !_isActiveGovernment(newRoot)) ++unentitledEntityChanges;
            ghostPendingRoot = newRoot;
        } catch {}
    }

    function acceptRoot(uint256 callerSeed, bool asPending) external atCurrentTime {
        address caller = asPending && ghostPendingRoot != address(0) ? ghostPendingRoot : _member(callerSeed);
        bool entitled = caller == ghostPendingRoot && _isActiveGovernment(caller);
        vm.prank(caller);
        try registry.acceptRoot() {
            if (!entitled) ++unentitledEntityChanges;
            ghostRoot = caller;
            ++successes["acceptRoot"];
            ghostPendingRoot = address(0);
        } catch {}
    }

    // ---- accreditation ----

    function accreditIssuer(uint256 governmentSeed, uint256 issuerSeed, uint256 typeSeed) external atCurrentTime {
        address government = _standing(governmentSeed, true);
        address issuer = _standing(issuerSeed, false);
        // Mostly the types an accreditation can matter for (not government-only).
        uint8 credentialType =
            typeSeed % 4 == 0 ? uint8(_bound(typeSeed >> 2, 1, TYPE_COUNT)) : _openType(typeSeed >> 2);
        vm.prank(government);
        try registry.accreditIssuer(issuer, credentialType) {
            if (!_isActiveGovernment(government) || !_modelCanIssue(issuer)) ++unentitledEntityChanges;
            _accreditations[issuer][credentialType] = government;
            _accredited.push(Accreditation(issuer, credentialType));
            ++successes["accredit"];
        } catch {}
    }

    function revokeAccreditation(uint256 callerSeed, uint256 issuerSeed, uint256 typeSeed, bool asAccreditor)
        external
        atCurrentTime
    {
        address issuer = _member(issuerSeed);
        uint8 credentialType = uint8(_bound(typeSeed, 1, TYPE_COUNT));
        if (issuerSeed % 4 != 0 && _accredited.length != 0) {
            Accreditation memory pick = _accredited[(issuerSeed >> 2) % _accredited.length];
            (issuer, credentialType) = (pick.issuer, pick.credentialType);
        }
        address accreditor = _accreditations[issuer][credentialType];
        address caller = asAccreditor && accreditor != address(0) ? accreditor : _member(callerSeed);
        vm.prank(caller);
        try registry.revokeAccreditation(issuer, credentialType) {
            if (accreditor == address(0) || (caller != accreditor && caller != ghostRoot)) ++unentitledEntityChanges;
            delete _accreditations[issuer][credentialType];
            ++successes["revokeAccreditation"];
        } catch {}
    }

    // ---- credentials ----

    function anchorCredential(
        uint256 issuerSeed,
        uint256 subjectSeed,
        uint256 typeSeed,
        uint256 commitmentSeed,
        uint256 startSeed,
        uint256 lengthSeed,
        uint256 sourceSeed
    ) external atCurrentTime {
        address issuer = _standing(issuerSeed, false);
        address subject = _member(subjectSeed);
        uint8 credentialType =
            typeSeed % 2 == 0 ? _openType(typeSeed >> 1) : uint8(_bound(typeSeed >> 1, 1, TYPE_COUNT));
        // Half the time an issuer with an accreditation anchors the type it was accredited for
        // (the accreditation may since have lost its force).
        if (issuerSeed % 2 == 1 && _accredited.length != 0) {
            Accreditation memory pick = _accredited[(issuerSeed >> 1) % _accredited.length];
            (issuer, credentialType) = (pick.issuer, pick.credentialType);
        }
        bytes32 source;
        if (credentialType == SCHOLAR_CURRICULUM || sourceSeed % 4 == 0) {
            source = _pickSource(sourceSeed);
            // Mostly derive from the source's own subject, as a school would.
            if (sourceSeed % 8 != 7 && _credentials[source].subject != address(0)) {
                subject = _credentials[source].subject;
            }
        }
        CredentialRequest memory request = _newRequest(subject, credentialType, commitmentSeed, startSeed, lengthSeed);
        request.source = source;
        _anchor(issuer, request, false, address(0), address(0));
    }

    function anchorBirthCertificate(
        uint256 issuerSeed,
        uint256 subjectSeed,
        uint256 commitmentSeed,
        uint256 fatherSeed,
        uint256 motherSeed
    ) external atCurrentTime {
        address issuer = _standing(issuerSeed, true);
        address subject = _member(subjectSeed);
        CredentialRequest memory request = _newRequest(subject, BIRTH_CERTIFICATE, commitmentSeed, 30 days, 0);
        // A birth certificate lasts a lifetime; fifty years keep it inside uint32.
        request.validUntil = request.validFrom + 50 * 365 days;
        address father = fatherSeed % 3 == 0 ? address(0) : _member(fatherSeed);
        address mother = motherSeed % 3 == 0 ? address(0) : _member(motherSeed);
        _anchor(issuer, request, true, father, mother);
    }

    function _anchor(address issuer, CredentialRequest memory request, bool withParents, address father, address mother)
        internal
    {
        (CertificationLevel level, bool wasGovernment, bool wasAccredited) = _modelLevel(issuer, request.credentialType);
        bool governmentOnly = request.credentialType == BIRTH_CERTIFICATE || request.credentialType == PASSPORT;
        bool entitled =
            _modelCanIssue(issuer) && _isActive(request.subject) && (!(governmentOnly || withParents) || wasGovernment);
        bytes32 uid;
        bool ok;
        vm.prank(issuer);
        if (withParents) {
            try registry.anchorBirthCertificate(request, father, mother) returns (bytes32 id) {
                (uid, ok) = (id, true);
            } catch {}
        } else {
            try registry.anchorCredential(request) returns (bytes32 id) {
                (uid, ok) = (id, true);
            } catch {}
        }
        if (!ok) return;
        if (!entitled || _credentials[uid].subject != address(0)) ++unentitledAnchors;
        _uids.push(uid);
        ++successes[withParents ? "birthCertificate" : "anchor"];
        if (level == CertificationLevel.Accredited) ++successes["accreditedAnchor"];
        if (request.source != bytes32(0)) ++successes["derivedAnchor"];
        _credentials[uid] = GhostCredential({
            issuer: issuer,
            commitment: request.commitment,
            subject: request.subject,
            credentialType: request.credentialType,
            validFrom: request.validFrom,
            validUntil: request.validUntil,
            expectedLevel: level,
            issuerWasActiveGovernment: wasGovernment,
            issuerWasAccredited: wasAccredited,
            revoked: false,
            linked: false
        });
    }

    function revokeCredential(uint256 uidSeed, uint256 callerSeed, bool asIssuer) external atCurrentTime {
        if (_uids.length == 0) return;
        GhostCredential storage record = _credentials[_uids[uidSeed % _uids.length]];
        address caller = asIssuer ? record.issuer : _member(callerSeed);
        // The registry revokes the caller's own credential with this commitment, which is this one
        // only when the caller is its issuer (commitments repeat across issuers on purpose).
        bytes32 revoked = keccak256(abi.encode(caller, record.commitment));
        GhostCredential storage target = _credentials[revoked];
        vm.prank(caller);
        try registry.revokeCredential(record.commitment) {
            if (target.issuer != caller || target.revoked) ++unentitledCredentialChanges;
            target.revoked = true;
            ++successes["revokeCredential"];
        } catch {}
    }

    function addAchievement(uint256 uidSeed, bytes32 achievement) external atCurrentTime {
        if (_uids.length == 0) return;
        // Mostly a curriculum, the only appendable type.
        GhostCredential storage record = _credentials[_pickUid(uidSeed, SCHOLAR_CURRICULUM)];
        vm.prank(record.issuer);
        try registry.addAchievement(record.commitment, achievement) {
            if (
                record.credentialType != SCHOLAR_CURRICULUM || record.revoked || !_isActive(record.issuer)
                    || block.timestamp >= record.validUntil
            ) {
                ++unentitledCredentialChanges;
            }
            ++successes["achievement"];
        } catch {}
    }

    function linkCredential(uint256 uidSeed, uint256 callerSeed, bool asHolder) external atCurrentTime {
        if (_uids.length == 0) return;
        bytes32 uid = _uids[uidSeed % _uids.length];
        GhostCredential storage record = _credentials[uid];
        address caller = asHolder ? record.subject : _member(callerSeed);
        vm.prank(caller);
        try registry.linkCredential(uid) {
            if (caller != record.subject || record.linked || !_isActive(caller)) ++unentitledCredentialChanges;
            record.linked = true;
            ++successes["link"];
            ++ghostLinkCount[caller];
        } catch {}
    }

    function unlinkCredential(uint256 uidSeed, uint256 callerSeed, bool asHolder) external atCurrentTime {
        if (_uids.length == 0) return;
        bytes32 uid = _uids[uidSeed % _uids.length];
        GhostCredential storage record = _credentials[uid];
        address caller = asHolder ? record.subject : _member(callerSeed);
        vm.prank(caller);
        try registry.unlinkCredential(uid) {
            if (caller != record.subject || !record.linked) ++unentitledCredentialChanges;
            record.linked = false;
            ++successes["unlink"];
            --ghostLinkCount[caller];
        } catch {}
    }

    /// @notice The holder asks to hand the credential to `to`, then the issuer approves (when `approve`).
    function transferCredential(uint256 uidSeed, uint256 toSeed, bool approve) external atCurrentTime {
        if (_uids.length == 0) return;
        // Mostly a car title, the only transferable type.
        bytes32 uid = _pickUid(uidSeed, CAR_TITLE);
        GhostCredential storage record = _credentials[uid];
        address to = _member(toSeed);
        vm.prank(record.subject);
        try registry.requestCredentialTransfer(uid, to) {
            if (record.credentialType != CAR_TITLE || record.revoked || !_isActive(to)) ++unentitledCredentialChanges;
        } catch {
            return;
        }
        if (!approve) return;
        address from = record.subject;
        vm.prank(record.issuer);
        try registry.approveCredentialTransfer(record.commitment, to) {
            if (record.credentialType != CAR_TITLE || record.revoked || !_isActive(to) || !_isActive(record.issuer)) {
                ++unentitledCredentialChanges;
            }
            if (record.linked) {
                record.linked = false;
                --ghostLinkCount[from];
            }
            record.subject = to;
            ++successes["transfer"];
        } catch {}
    }

    // ---- population batches ----

    function anchorIdentityBatch(uint256 registrarSeed, uint256 accountsSeed, uint256 kindsSeed)
        external
        atCurrentTime
    {
        address registrar = registrarSeed % 2 == 0 ? _standing(registrarSeed >> 1, true) : _member(registrarSeed >> 1);
        GhostIdentityBatch memory batch;
        batch.registrar = registrar;
        bytes32[] memory leaves = new bytes32[](BATCH_SIZE);
        for (uint32 i; i < BATCH_SIZE; ++i) {
            batch.accounts[i] = _actor(accountsSeed >> (16 * i));
            // Mostly people and organizations, sometimes the kinds only a government may register.
            uint256 kindSeed = kindsSeed >> (16 * i);
            batch.kinds[i] = kindSeed % 2 == 0
                ? (kindSeed % 4 == 0 ? EntityKind.Person : EntityKind.Organization)
                : EntityKind(_bound(kindSeed >> 2, 1, 5));
            leaves[i] = MerkleTrees.identityLeaf(batch.accounts[i], batch.kinds[i], i);
        }
        EntityKind registrarKind = _entities[registrar].kind;
        bool entitled =
            _isActive(registrar) && (registrarKind == EntityKind.Government || registrarKind == EntityKind.Admin);
        vm.prank(registrar);
        try registry.anchorIdentityBatch(MerkleTrees.root(leaves), BATCH_SIZE, MerkleTrees.published(leaves)) returns (
            uint256 batchId
        ) {
            if (!entitled) ++unentitledEntityChanges;
            batch.batchId = batchId;
            _identityBatches.push(batch);
            ++successes["identityBatch"];
        } catch {}
    }

    /// @notice Anyone claims an entry of an identity batch, sometimes with a kind the leaf does not hold.
    function claimIdentity(uint256 batchSeed, uint256 indexSeed, bool tamper) external atCurrentTime {
        if (_identityBatches.length == 0) return;
        GhostIdentityBatch storage batch = _identityBatches[batchSeed % _identityBatches.length];
        // Below BATCH_SIZE, so the cast is lossless.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint32 index = uint32(indexSeed % BATCH_SIZE);
        address account = batch.accounts[index];
        EntityKind kind = batch.kinds[index];
        bytes32[] memory leaves = new bytes32[](BATCH_SIZE);
        for (uint32 i; i < BATCH_SIZE; ++i) {
            leaves[i] = MerkleTrees.identityLeaf(batch.accounts[i], batch.kinds[i], i);
        }
        if (tamper) kind = kind == EntityKind.Person ? EntityKind.Government : EntityKind.Person;
        address registrar = batch.registrar;
        bool entitled = !tamper && _isActive(registrar) && _modelCanRegister(_entities[registrar].kind, kind)
            && _entities[account].status == EntityStatus.None;
        vm.prank(_member(indexSeed >> 8));
        try registry.claimIdentity(batch.batchId, account, kind, index, MerkleTrees.proof(leaves, index)) {
            if (!entitled) ++unentitledEntityChanges;
            _entities[account] = GhostEntity(kind, EntityStatus.Active, registrar);
            _registered.push(account);
            ++successes["claimIdentity"];
        } catch {}
    }

    function anchorCredentialBatch(
        uint256 issuerSeed,
        uint256 typeSeed,
        uint256 entriesSeed,
        uint256 startSeed,
        uint256 lengthSeed
    ) external atCurrentTime {
        GhostCredentialBatch memory batch;
        batch.issuer = _standing(issuerSeed, typeSeed % 2 == 0);
        batch.credentialType = uint8(_bound(typeSeed >> 1, 1, TYPE_COUNT));
        if (issuerSeed % 8 == 1 && _accredited.length != 0) {
            Accreditation memory pick = _accredited[(issuerSeed >> 3) % _accredited.length];
            (batch.issuer, batch.credentialType) = (pick.issuer, pick.credentialType);
        }
        // The handler's clock starts in 2023 and advances at most a few decades: far below 2^32.
        // forge-lint: disable-next-line(unsafe-typecast)
        batch.validFrom = uint32(currentTime - 30 days + _bound(startSeed, 0, 60 days));
        batch.validUntil = batch.validFrom + uint32(_bound(lengthSeed, 1, 365 days));
        bytes32[] memory leaves = new bytes32[](BATCH_SIZE);
        for (uint32 i; i < BATCH_SIZE; ++i) {
            batch.subjects[i] = _member(entriesSeed >> (16 * i));
            batch.commitments[i] = keccak256(abi.encode("batch commitment", entriesSeed, i));
            leaves[i] = MerkleTrees.credentialLeaf(i, batch.subjects[i], batch.commitments[i]);
        }
        (batch.expectedLevel, batch.issuerWasActiveGovernment, batch.issuerWasAccredited) =
            _modelLevel(batch.issuer, batch.credentialType);
        // Only birth certificates and passports carry nothing but membership, and both are government-only.
        bool batchable = batch.credentialType == BIRTH_CERTIFICATE || batch.credentialType == PASSPORT;
        bool entitled = _modelCanIssue(batch.issuer) && batchable && batch.issuerWasActiveGovernment;
        vm.prank(batch.issuer);
        try registry.anchorCredentialBatch(
            MerkleTrees.root(leaves),
            BATCH_SIZE,
            batch.credentialType,
            batch.validFrom,
            batch.validUntil,
            MerkleTrees.published(leaves)
        ) returns (
            uint256 batchId
        ) {
            if (!entitled) ++unentitledAnchors;
            batch.batchId = batchId;
            _credentialBatches.push(batch);
            ++successes["credentialBatch"];
        } catch {}
    }

    function revokeBatchCredential(uint256 batchSeed, uint256 indexSeed, bool asIssuer) external atCurrentTime {
        if (_credentialBatches.length == 0) return;
        GhostCredentialBatch storage batch = _credentialBatches[batchSeed % _credentialBatches.length];
        // Below BATCH_SIZE, so the cast is lossless.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint32 index = uint32(indexSeed % BATCH_SIZE);
        address caller = asIssuer ? batch.issuer : _member(indexSeed >> 8);
        vm.prank(caller);
        try registry.revokeBatchCredential(batch.batchId, index) {
            if (caller != batch.issuer || batch.revoked[index]) ++unentitledCredentialChanges;
            batch.revoked[index] = true;
            ++successes["revokeBatchCredential"];
        } catch {}
    }

    // ---- identity tokens ----

    /// @notice The owner of an identity token tries one of the ERC-721 paths that would move or approve it.
    function moveIdentityToken(uint256 ownerSeed, uint256 toSeed, uint256 pathSeed) external atCurrentTime {
        address owner = _member(ownerSeed);
        address to = _member(toSeed);
        uint256 tokenId = uint256(uint160(owner));
        uint256 path = pathSeed % 5;
        bool ok;
        vm.prank(owner);
        if (path == 0) {
            try registry.transferFrom(owner, to, tokenId) {
                ok = true;
            } catch {}
        } else if (path == 1) {
            try registry.safeTransferFrom(owner, to, tokenId) {
                ok = true;
            } catch {}
        } else if (path == 2) {
            try registry.safeTransferFrom(owner, to, tokenId, "") {
                ok = true;
            } catch {}
        } else if (path == 3) {
            try registry.approve(to, tokenId) {
                ok = true;
            } catch {}
        } else {
            try registry.setApprovalForAll(to, true) {
                ok = true;
            } catch {}
        }
        if (ok) ++tokenMovements;
    }

    function passTime(uint256 secondsSeed) external {
        currentTime += _bound(secondsSeed, 0, 60 days);
        vm.warp(currentTime);
    }

    // ---- reading the model ----

    function poolSize() external pure returns (uint256) {
        return POOL_SIZE;
    }

    function actorAt(uint256 index) external view returns (address) {
        return _pool[index];
    }

    function entityOf(address account) external view returns (GhostEntity memory) {
        return _entities[account];
    }

    function credentialCount() external view returns (uint256) {
        return _uids.length;
    }

    function credentialAt(uint256 index) external view returns (bytes32 uid, GhostCredential memory record) {
        uid = _uids[index];
        record = _credentials[uid];
    }

    function credentialBatchCount() external view returns (uint256) {
        return _credentialBatches.length;
    }

    function credentialBatchAt(uint256 index) external view returns (GhostCredentialBatch memory) {
        return _credentialBatches[index];
    }

    /// @notice The Merkle proof of entry `index` of the `position`-th credential batch.
    function batchProof(uint256 position, uint32 index) external view returns (bytes32[] memory) {
        GhostCredentialBatch storage batch = _credentialBatches[position];
        bytes32[] memory leaves = new bytes32[](BATCH_SIZE);
        for (uint32 i; i < BATCH_SIZE; ++i) {
            leaves[i] = MerkleTrees.credentialLeaf(i, batch.subjects[i], batch.commitments[i]);
        }
        return MerkleTrees.proof(leaves, index);
    }

    function batchSize() external pure returns (uint32) {
        return BATCH_SIZE;
    }

    // ---- model ----

    function _seed(uint256 registrarIndex, uint256 accountIndex, EntityKind kind) internal {
        address registrar = _pool[registrarIndex];
        address account = _pool[accountIndex];
        vm.prank(registrar);
        registry.registerEntity(account, kind);
        _entities[account] = GhostEntity(kind, EntityStatus.Active, registrar);
        _registered.push(account);
    }

    /// @dev Anyone in the pool, registered or not.
    function _actor(uint256 seed) internal view returns (address) {
        return _pool[seed % POOL_SIZE];
    }

    /// @dev Three times in four an active issuer-kind entity (a government when `government`), else
    /// `_member`, so that both entitled and unentitled callers are exercised.
    function _standing(uint256 seed, bool government) internal view returns (address) {
        if (seed % 4 != 0) {
            uint256 start = seed >> 2;
            for (uint256 i; i < _registered.length; ++i) {
                address candidate = _registered[(start + i) % _registered.length];
                bool fits = government ? _isActiveGovernment(candidate) : _modelCanIssue(candidate);
                if (fits) return candidate;
            }
        }
        return _member(seed >> 2);
    }

    /// @dev Three times in four a credential of `preferredType` (when there is one), else any.
    function _pickUid(uint256 seed, uint8 preferredType) internal view returns (bytes32) {
        if (seed % 4 != 0) {
            for (uint256 i; i < _uids.length; ++i) {
                bytes32 uid = _uids[((seed >> 2) + i) % _uids.length];
                if (_credentials[uid].credentialType == preferredType) return uid;
            }
        }
        return _uids[(seed >> 2) % _uids.length];
    }

    /// @dev ScholarCurriculum or CarTitle.
    function _openType(uint256 seed) internal pure returns (uint8) {
        return seed % 2 == 0 ? SCHOLAR_CURRICULUM : CAR_TITLE;
    }

    /// @dev Seven times in eight someone who was registered (whatever their standing now), else anyone.
    function _member(uint256 seed) internal view returns (address) {
        if (seed % 8 == 0) return _actor(seed >> 3);
        return _registered[(seed >> 3) % _registered.length];
    }

    function _newRequest(
        address subject,
        uint8 credentialType,
        uint256 commitmentSeed,
        uint256 startSeed,
        uint256 lengthSeed
    ) internal view returns (CredentialRequest memory request) {
        // Few distinct commitments, so the same one is sometimes anchored twice.
        request.commitment = keccak256(abi.encode("commitment", commitmentSeed % 24));
        request.subject = subject;
        request.credentialType = credentialType;
        // The handler's clock starts in 2023 and advances at most a few decades: far below 2^32.
        // forge-lint: disable-next-line(unsafe-typecast)
        request.validFrom = uint32(currentTime - 30 days + _bound(startSeed, 0, 60 days));
        request.validUntil = request.validFrom + uint32(_bound(lengthSeed, 1, 365 days));
    }

    /// @dev Half the time a birth certificate (when there is one), else any credential or an unknown
    /// id, so that both valid and invalid sources are tried.
    function _pickSource(uint256 seed) internal view returns (bytes32) {
        if (seed % 2 == 0) {
            for (uint256 i; i < _uids.length; ++i) {
                bytes32 uid = _uids[(i + (seed >> 8)) % _uids.length];
                if (_credentials[uid].credentialType == BIRTH_CERTIFICATE) return uid;
            }
        }
        if (_uids.length == 0 || seed % 8 == 1) return keccak256(abi.encode("unknown source", seed));
        return _uids[(seed >> 8) % _uids.length];
    }

    /// @dev The level the model expects: the issuer's standing, never anything the issuer claims.
    function _modelLevel(address issuer, uint8 credentialType)
        internal
        view
        returns (CertificationLevel level, bool wasGovernment, bool wasAccredited)
    {
        if (!_isActive(issuer)) return (CertificationLevel.Uncertified, false, false);
        if (_entities[issuer].kind == EntityKind.Government) {
            return (CertificationLevel.GovernmentCertified, true, false);
        }
        address government = _accreditations[issuer][credentialType];
        if (government != address(0) && _isActiveGovernment(government)) {
            return (CertificationLevel.Accredited, false, true);
        }
        return (CertificationLevel.Uncertified, false, false);
    }

    function _modelCanRegister(EntityKind registrarKind, EntityKind kind) internal pure returns (bool) {
        if (kind == EntityKind.None) return false;
        if (registrarKind == EntityKind.Government) return true;
        return registrarKind == EntityKind.Admin && (kind == EntityKind.Person || kind == EntityKind.Organization);
    }

    function _modelCanIssue(address account) internal view returns (bool) {
        EntityKind kind = _entities[account].kind;
        return _isActive(account)
            && (kind == EntityKind.Government || kind == EntityKind.Issuer || kind == EntityKind.Organization);
    }

    /// @dev Any registrar above `account`, as IEntityRegistry documents it.
    function _modelInChain(address ancestor, address account) internal view returns (bool) {
        if (_entities[account].status == EntityStatus.None) return false;
        address current = account;
        for (uint256 depth; depth <= POOL_SIZE; ++depth) {
            address up = _entities[current].registrar;
            if (up == ancestor) return true;
            if (up == current) return false;
            current = up;
        }
        return false;
    }

    function _isActive(address account) internal view returns (bool) {
        return _entities[account].status == EntityStatus.Active;
    }

    function _isActiveGovernment(address account) internal view returns (bool) {
        return _isActive(account) && _entities[account].kind == EntityKind.Government;
    }
}
