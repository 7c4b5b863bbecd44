import { Type, type TObject } from '@sinclair/typebox';
import type { Address as Addr, Hex } from 'viem';
import {
  EntityKind,
  prepareAcceptRoot,
  prepareAccreditIssuer,
  prepareAddAchievement,
  prepareAnchorBirthCertificate,
  prepareAnchorCredential,
  prepareApproveCredentialTransfer,
  prepareDefineCredentialType,
  prepareLogAccess,
  prepareRebindByRegistrar,
  prepareReportCompromise,
  prepareReinstateEntity,
  prepareRegisterEntity,
  prepareRequestCredentialTransfer,
  prepareRevokeAccreditation,
  prepareRevokeCredential,
  prepareRevokeCredentialOf,
  prepareRevokeEntity,
  prepareSuspendEntity,
  prepareTransferRoot,
  type EntityKindName,
  type PreparedCall,
} from '@identree/sdk';
import { Address, Bytes32 } from '../routes/schemas.js';

type Contracts = { registry: Addr; holderRegistry: Addr };
/** One authority write: its route name, the contract function, the body it takes, and how the SDK prepares it. */
export type AuthorityWrite = {
  /** The last path segment of `POST /prepare/{name}`. */
  name: string;
  /** The contract the call goes to: the relay (`relayAuthorityCall`) routes it by its selector alike. */
  contract: 'registry' | 'holderRegistry';
  functionName: string;
  summary: string;
  description: string;
  body: TObject;
  // The body was validated against `body` by the route; the SDK checks the rest (kind names, sizes).
  prepare: (contracts: Contracts, body: any) => PreparedCall;
};

const CredentialTypeId = Type.Integer({ minimum: 1, maximum: 255, description: 'A credential type id (1 BirthCertificate, 2 ScholarCurriculum, 3 Passport, 4 CarTitle, then those defined)' });
const Seconds = Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'Unix seconds' });
const Entity = Type.Object({ entity: Address }, { additionalProperties: false });
const Accreditation = Type.Object({ issuer: Address, credentialType: CredentialTypeId }, { additionalProperties: false });
const kinds = Object.keys(EntityKind).filter((k) => k !== 'None') as EntityKindName[];
const AnchorFields = {
  subject: Address,
  credentialType: CredentialTypeId,
  commitment: { ...Bytes32, description: 'The root of the salted attribute tree (`commitAttributes` in the SDK); never an attribute value' },
  validFrom: Type.Optional(Seconds),
  validUntil: Type.Optional({ ...Seconds, description: 'Unix seconds; absent for no expiry' }),
  source: Type.Optional({ ...Bytes32, description: 'The credential this one derives from (a curriculum\'s birth certificate)' }),
};

/** Every write an authority signs and sends itself, each prepared by the SDK; the service never encodes a call. */
export const AUTHORITY_WRITES: readonly AuthorityWrite[] = [
  {
    name: 'register-entity', contract: 'registry', functionName: 'registerEntity', summary: 'Register an entity',
    description: 'A government or admin registers a person, organization, issuer, admin or government below itself; the entity receives its soulbound identity token.',
    body: Type.Object({ entity: Address, kind: Type.Union(kinds.map((k) => Type.Literal(k)), { description: 'The entity kind' }) }, { additionalProperties: false }),
    prepare: ({ registry }, b: { entity: Addr; kind: EntityKindName }) => prepareRegisterEntity({ registry, entity: b.entity, kind: b.kind }),
  },
  {
    name: 'suspend-entity', contract: 'registry', functionName: 'suspendEntity', summary: 'Suspend an entity', body: Entity,
    description: 'Its registrar (or a government above it) suspends an entity: its credentials stop counting as valid until it is reinstated.',
    prepare: ({ registry }, b: { entity: Addr }) => prepareSuspendEntity({ registry, entity: b.entity }),
  },
  {
    name: 'reinstate-entity', contract: 'registry', functionName: 'reinstateEntity', summary: 'Reinstate a suspended entity', body: Entity,
    description: 'Lifts a suspension.',
    prepare: ({ registry }, b: { entity: Addr }) => prepareReinstateEntity({ registry, entity: b.entity }),
  },
  {
    name: 'revoke-entity', contract: 'registry', functionName: 'revokeEntity', summary: 'Revoke an entity', body: Entity,
    description: 'Revokes an entity for good; its DID resolves as deactivated.',
    prepare: ({ registry }, b: { entity: Addr }) => prepareRevokeEntity({ registry, entity: b.entity }),
  },
  {
    name: 'accredit-issuer', contract: 'registry', functionName: 'accreditIssuer', summary: 'Accredit an issuer for a credential type', body: Accreditation,
    description: 'A government accredits an issuer (a university, an agency) for a credential type, so what it issues of that type is government-certified.',
    prepare: ({ registry }, b: { issuer: Addr; credentialType: number }) => prepareAccreditIssuer({ registry, issuer: b.issuer, credentialType: b.credentialType }),
  },
  {
    name: 'revoke-accreditation', contract: 'registry', functionName: 'revokeAccreditation', summary: 'Revoke an accreditation', body: Accreditation,
    description: 'The accrediting government withdraws an accreditation; credentials issued afterwards are no longer certified by it.',
    prepare: ({ registry }, b: { issuer: Addr; credentialType: number }) => prepareRevokeAccreditation({ registry, issuer: b.issuer, credentialType: b.credentialType }),
  },
  {
    name: 'define-credential-type', contract: 'registry', functionName: 'defineCredentialType', summary: 'Define a credential type',
    description: 'The root authority defines a new credential type and its rules.',
    body: Type.Object({
      name: Type.String({ minLength: 1, maxLength: 31, description: 'At most 31 bytes of UTF-8' }),
      rules: Type.Optional(Type.Object({
        transferable: Type.Optional(Type.Boolean()),
        governmentOnly: Type.Optional(Type.Boolean()),
        parentLinks: Type.Optional(Type.Boolean()),
        appendable: Type.Optional(Type.Boolean()),
        sourceType: Type.Optional(Type.Integer({ minimum: 0, maximum: 255, description: 'The type a credential of this type must derive from (0: none)' })),
      }, { additionalProperties: false })),
    }, { additionalProperties: false }),
    prepare: ({ registry }, b: { name: string; rules?: Record<string, never> }) => prepareDefineCredentialType({ registry, name: b.name, rules: b.rules }),
  },
  {
    name: 'anchor-credential', contract: 'registry', functionName: 'anchorCredential', summary: 'Issue a credential',
    description: 'An issuer anchors a credential\'s commitment for its subject: a curriculum, a diploma, a car title, a generic credential. The certification level comes from the issuer\'s standing, never from the request.',
    body: Type.Object(AnchorFields, { additionalProperties: false }),
    prepare: ({ registry }, b: { subject: Addr; credentialType: number; commitment: Hex; validFrom?: number; validUntil?: number; source?: Hex }) =>
      prepareAnchorCredential({ registry, ...b }),
  },
  {
    name: 'anchor-birth-certificate', contract: 'registry', functionName: 'anchorBirthCertificate', summary: 'Issue a birth certificate with its parents',
    description: 'A government anchors a birth certificate and links the child to its parents\' identities (either may be unknown).',
    body: Type.Object({ ...AnchorFields, parents: Type.Object({ father: Type.Optional(Address), mother: Type.Optional(Address) }, { additionalProperties: false }) }, { additionalProperties: false }),
    prepare: ({ registry }, b: { subject: Addr; credentialType: number; commitment: Hex; validFrom?: number; validUntil?: number; source?: Hex; parents: { father?: Addr; mother?: Addr } }) =>
      prepareAnchorBirthCertificate({ registry, ...b }),
  },
  {
    name: 'add-achievement', contract: 'registry', functionName: 'addAchievement', summary: 'Add an achievement to a credential',
    description: 'The issuer of an appendable credential (a curriculum) appends an achievement (a grade, a diploma) by its commitment.',
    body: Type.Object({ commitment: { ...Bytes32, description: 'The credential\'s commitment' }, achievement: { ...Bytes32, description: 'The achievement\'s own commitment' } }, { additionalProperties: false }),
    prepare: ({ registry }, b: { commitment: Hex; achievement: Hex }) => prepareAddAchievement({ registry, commitment: b.commitment, achievement: b.achievement }),
  },
  {
    name: 'request-credential-transfer', contract: 'registry', functionName: 'requestCredentialTransfer', summary: 'Request the transfer of a credential',
    description: 'The holder of a transferable credential (a car title) asks for it to pass to another entity; its issuer approves.',
    body: Type.Object({ uid: Bytes32, to: Address }, { additionalProperties: false }),
    prepare: ({ registry }, b: { uid: Hex; to: Addr }) => prepareRequestCredentialTransfer({ registry, uid: b.uid, to: b.to }),
  },
  {
    name: 'approve-credential-transfer', contract: 'registry', functionName: 'approveCredentialTransfer', summary: 'Approve a requested transfer',
    description: 'The issuer approves a requested transfer; the credential passes to the new holder.',
    body: Type.Object({ commitment: Bytes32, to: Address }, { additionalProperties: false }),
    prepare: ({ registry }, b: { commitment: Hex; to: Addr }) => prepareApproveCredentialTransfer({ registry, commitment: b.commitment, to: b.to }),
  },
  {
    name: 'revoke-credential', contract: 'registry', functionName: 'revokeCredential', summary: 'Revoke a credential',
    description: 'Its issuer revokes a credential, naming its commitment: knowing it is the issuer\'s proof.',
    body: Type.Object({ commitment: Bytes32 }, { additionalProperties: false }),
    prepare: ({ registry }, b: { commitment: Hex }) => prepareRevokeCredential({ registry, commitment: b.commitment }),
  },
  {
    name: 'revoke-credential-of', contract: 'registry', functionName: 'revokeCredentialOf', summary: 'Revoke a credential another issuer anchored',
    description: 'Root, or an active registrar above the issuer, revokes a credential the issuer anchored: the remedy when an issuer\'s key was stolen or its credentials must fall with it.',
    body: Type.Object({ issuer: Address, commitment: Bytes32 }, { additionalProperties: false }),
    prepare: ({ registry }, b: { issuer: Addr; commitment: Hex }) => prepareRevokeCredentialOf({ registry, issuer: b.issuer, commitment: b.commitment }),
  },
  {
    name: 'transfer-root', contract: 'registry', functionName: 'transferRoot', summary: 'Hand the root authority over',
    description: 'The root authority names its successor; the handover completes when the successor accepts.',
    body: Type.Object({ newRoot: Address }, { additionalProperties: false }),
    prepare: ({ registry }, b: { newRoot: Addr }) => prepareTransferRoot({ registry, newRoot: b.newRoot }),
  },
  {
    name: 'accept-root', contract: 'registry', functionName: 'acceptRoot', summary: 'Accept the root authority',
    description: 'The named successor accepts the root authority.',
    body: Type.Object({}, { additionalProperties: false }),
    prepare: ({ registry }) => prepareAcceptRoot({ registry }),
  },
  {
    name: 'rebind-by-registrar', contract: 'holderRegistry', functionName: 'rebindByRegistrar', summary: 'Re-bind an identity to a new key after an in-person check',
    description: 'Root or an active registrar above the identity binds it to a new key at once (government-assisted recovery), recording the digest of the evidence.',
    body: Type.Object({ identity: Address, newKey: Address, evidence: { ...Bytes32, description: 'The digest of the in-person check\'s record' } }, { additionalProperties: false }),
    prepare: ({ holderRegistry }, b: { identity: Addr; newKey: Addr; evidence: Hex }) => prepareRebindByRegistrar({ holderRegistry, identity: b.identity, newKey: b.newKey, evidence: b.evidence }),
  },
  {
    name: 'report-compromise', contract: 'holderRegistry', functionName: 'reportCompromise', summary: 'Date the compromise of an authority\'s key',
    description: 'After suspending or revoking an authority whose key was stolen, root or a registrar above it records when the key was stolen, once. '
      + 'Verification, the status lists and the DID document then void what the authority anchored from that time to the report, and keep what it anchored before while the suspension or revocation stands.',
    body: Type.Object({
      entity: Address,
      since: Type.Integer({ minimum: 1, maximum: 1_099_511_627_775, description: 'When the key was stolen, in unix seconds (not in the future)' }),
    }, { additionalProperties: false }),
    prepare: ({ holderRegistry }, b: { entity: Addr; since: number }) => prepareReportCompromise({ holderRegistry, entity: b.entity, since: b.since }),
  },
  {
    name: 'log-access', contract: 'holderRegistry', functionName: 'logAccess', summary: 'Log an access on the holder\'s access log',
    description: 'A verifier records, on the holder\'s on-chain access log, that it read a credential (which attributes, and whether the access succeeded). The registry names the sending key as the verifier, so only the verifier itself logs in its name; the holder sees the entry in its timeline, marked with whether a live grant covered it.',
    body: Type.Object({
      holder: Address,
      uid: { ...Bytes32, description: 'The credential accessed' },
      attributes: Type.Optional(Type.String({ pattern: '^0x[0-9a-fA-F]{52}$', description: 'The attributes read: 26 bytes of hex, attributesDigest(names) in the SDK; absent or zero for the whole credential' })),
      success: Type.Boolean({ description: 'Whether the access succeeded (a refused access is logged too)' }),
    }, { additionalProperties: false }),
    prepare: ({ holderRegistry }, b: { holder: Addr; uid: Hex; attributes?: Hex; success: boolean }) =>
      prepareLogAccess({ holderRegistry, holder: b.holder, uid: b.uid, attributes: b.attributes, success: b.success }),
  },
];

/** The table's write that `functionName` on `contract` is, if any. */
export const authorityWriteOf = (contract: AuthorityWrite['contract'], functionName: string): AuthorityWrite | undefined =>
  AUTHORITY_WRITES.find((w) => w.contract === contract && w.functionName === functionName);

/** Every function an authority's signed transaction may call through `POST /transactions`. */
export const AUTHORITY_FUNCTIONS = AUTHORITY_WRITES.map((w) => w.functionName);
