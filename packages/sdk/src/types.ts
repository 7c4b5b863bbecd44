import type { Address, Hash, Hex } from 'viem';

/** What a registered account is; mirrors `EntityKind` in IdentityTypes.sol. */
export const EntityKind = {
  None: 0,
  Government: 1,
  Admin: 2,
  Issuer: 3,
  Person: 4,
  Organization: 5,
} as const;
export type EntityKindName = keyof typeof EntityKind;
export type EntityKindValue = (typeof EntityKind)[EntityKindName];

/** Standing of an entity; mirrors `EntityStatus`. */
export const EntityStatus = { None: 0, Active: 1, Suspended: 2, Revoked: 3 } as const;
export type EntityStatusName = keyof typeof EntityStatus;

/** Derived from the issuer's standing at issuance; mirrors `CertificationLevel`. */
export const CertificationLevel = { Uncertified: 0, Accredited: 1, GovernmentCertified: 2 } as const;
export type CertificationLevelName = keyof typeof CertificationLevel;

/** Credential types defined at deployment. Governments may define more (`defineCredentialType`). */
export const CredentialType = { BirthCertificate: 1, ScholarCurriculum: 2, Passport: 3, CarTitle: 4 } as const;

export const nameOf = <T extends Record<string, number>>(table: T, value: number): keyof T => {
  const entry = Object.entries(table).find(([, v]) => v === value);
  if (!entry) throw new RangeError(`unknown enum value ${value}`);
  return entry[0] as keyof T;
};

export type Entity = {
  account: Address;
  registrar: Address;
  kind: EntityKindName;
  status: EntityStatusName;
  registeredAt: bigint;
  linkedCredentials: number;
  tokenId: bigint;
};

export type Credential = {
  uid: Hash;
  subject: Address;
  credentialType: number;
  validFrom: number;
  validUntil: number;
  level: CertificationLevelName;
  revoked: boolean;
  linked: boolean;
};

/** The receipt facts every write action returns. */
export type TransactionResult = {
  hash: Hash;
  blockNumber: bigint;
  gasUsed: bigint;
};

export type { Address, Hash, Hex };
