// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice What a registered account is. The kind decides what it may register and issue.
enum EntityKind {
    None,
    Government,
    Admin,
    Issuer,
    Person,
    Organization
}

/// @notice Standing of an entity. Revoked is final; Suspended can be reinstated.
enum EntityStatus {
    None,
    Active,
    Suspended,
    Revoked
}

/// @notice Derived from the issuer's standing in the registry at issuance, never from the credential.
enum CertificationLevel {
    Uncertified,
    Accredited,
    GovernmentCertified
}

/// @notice One registered entity, packed into a single storage slot (248 bits).
/// @dev The identity token id is `uint256(uint160(account))`, so minting needs no extra slot.
struct Entity {
    address registrar;
    EntityKind kind;
    EntityStatus status;
    uint40 registeredAt;
    uint32 linkedCredentials;
    /// Whether control of the identity ever moved from its own address to another key (rotation, recovery,
    /// rebind). Kept in the record's last free byte so that an entity acting with its own key is resolved
    /// by the read of its record that every action makes anyway.
    bool keyMoved;
}

/// @notice Rules the root authority attaches to a credential type.
struct CredentialTypeRules {
    /// Asset credentials (car titles, deeds) may change owner with the issuer's approval.
    bool transferable;
    /// Only governments may anchor this type (birth certificates, passports).
    bool governmentOnly;
    /// A government may link the subject's parents when anchoring (birth certificates).
    bool parentLinks;
    /// The issuer may append achievements after anchoring (curricula).
    bool appendable;
    /// When non-zero, an anchor must refer to a valid credential of this type held by the same subject.
    uint8 sourceType;
}

/// @notice What an issuer asks to anchor. No attribute value appears here: only the commitment.
struct CredentialRequest {
    address subject;
    uint8 credentialType;
    uint32 validFrom;
    uint32 validUntil;
    /// Root of the tree of salted attribute hashes.
    bytes32 commitment;
    /// The credential this one is derived from (a curriculum's birth certificate), or zero.
    bytes32 source;
}

/// @notice On-chain record of an anchored credential, packed into a single storage slot (256 bits).
/// @dev The issuer is not stored: the credential id is `keccak256(abi.encode(issuer, commitment))`,
/// so the issuer proves itself by presenting the commitment, and readers recompute the id.
struct Credential {
    address subject;
    uint32 validFrom;
    uint32 validUntil;
    uint8 credentialType;
    CertificationLevel level;
    bool revoked;
    bool linked;
}
