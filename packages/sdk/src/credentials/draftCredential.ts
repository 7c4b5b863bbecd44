import { getAddress, type Address, type Hash, type Hex } from 'viem';
import { CredentialType } from '../types.js';
import { NO_EXPIRY } from '../utils/timestamp.js';
import { ATTRIBUTE_LEAF_ENCODING, commitAttributes } from './commitAttributes.js';
import { credentialSchemas, validateAttributes, type AttributeValues, type CredentialSchemaName } from './credentialSchemas.js';
import { claimValue, deriveAgeClaims } from './derivedClaims.js';
import { UnknownCredentialTypeError } from './errors.js';
import type { BitstringStatusListEntry, IdentreeCredential } from './types.js';

/**
 * The credential's JSON-LD context: VC 2.0, then an inline context that maps every Identree term
 * (attribute names, the anchor proof's fields) into the Identree vocabulary. Inline, so JSON-LD
 * expansion needs no URL of ours to be reachable, and no term is dropped or left issuer-dependent.
 */
export const VC_CONTEXT = ['https://www.w3.org/ns/credentials/v2', { '@vocab': 'https://w3id.org/identree/vocab#' }] as const;

export type DraftCredentialParameters = {
  /** A credential type name known to the registry (BirthCertificate, ScholarCurriculum, Passport, CarTitle, …). */
  type: string;
  /** The on-chain type id; defaults to the built-in id of `type`. */
  credentialType?: number;
  /** Which schema checks the attributes; defaults to `type` when it has one, else required. */
  schema?: CredentialSchemaName;
  subject: Address;
  attributes: AttributeValues;
  validFrom?: Date;
  validUntil?: Date;
  source?: Hash;
  parents?: { father?: Address; mother?: Address };
  /** The date derived claims are computed at; defaults to now. */
  issuedAt?: Date;
};

/** A credential before its anchor: what to anchor (`anchor`, the arguments of `prepareAnchorCredential`) and what the holder will keep. */
export type DraftCredentialReturnType = {
  type: string;
  schema: CredentialSchemaName;
  subject: Address;
  validFrom?: Date;
  validUntil?: Date;
  /** The attribute values as committed (derived claims included), as strings. */
  values: Record<string, string>;
  /** Attribute name -> its 32-byte salt: the issuer hands these to the holder, never to the chain. */
  salts: Record<string, Hex>;
  anchor: {
    subject: Address;
    credentialType: number;
    commitment: Hash;
    validFrom: number;
    validUntil: number;
    source?: Hash;
    parents?: { father?: Address; mother?: Address };
  };
};

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const did = (chainId: number, address: Address) => `did:identree:${chainId}:${getAddress(address)}`;

/**
 * The first half of issuing, for an issuer that signs the anchor in its own wallet: validates the
 * attributes against the type's JSON Schema, adds derived claims, and commits every attribute with
 * its own salt. Pure: nothing is read from or sent to the chain. Anchor `draft.anchor` (for example
 * `prepareAnchorCredential` or the API's `POST /prepare/anchor-credential`), then `completeCredential`.
 *
 * @example
 * const draft = draftCredential({ type: 'BirthCertificate', subject: alice, attributes })
 * const call = prepareAnchorCredential({ registry, ...draft.anchor })
 */
export function draftCredential(parameters: DraftCredentialParameters): DraftCredentialReturnType {
  const { type, subject, attributes, validFrom, validUntil, source, parents, issuedAt = new Date() } = parameters;
  const credentialType = parameters.credentialType ?? CredentialType[type as keyof typeof CredentialType];
  if (credentialType === undefined) throw new UnknownCredentialTypeError(type);
  const schema = parameters.schema ?? (type in credentialSchemas ? (type as CredentialSchemaName) : undefined);
  if (!schema) throw new UnknownCredentialTypeError(type);
  validateAttributes(schema, attributes);

  const values: Record<string, string> = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, String(v)]));
  if (schema === 'BirthCertificate') Object.assign(values, deriveAgeClaims(values.birthDate!, issuedAt));
  const committed = commitAttributes(values);
  return {
    type, schema, subject, validFrom, validUntil, values,
    salts: Object.fromEntries(committed.attributes.map((a) => [a.name, a.salt])),
    anchor: {
      subject, credentialType, commitment: committed.commitment,
      validFrom: validFrom ? seconds(validFrom) : 0,
      validUntil: validUntil ? seconds(validUntil) : NO_EXPIRY,
      ...(source ? { source } : {}),
      ...(parents ? { parents } : {}),
    },
  };
}

export type CompleteCredentialParameters = {
  draft: DraftCredentialReturnType;
  chainId: number;
  registry: Address;
  issuer: Address;
  /** The uid the registry gave the anchor (the `CredentialAnchored` event's). */
  uid: Hash;
  transactionHash?: Hash;
  /** The credential's status list entries, as the service's `POST /credentials/{uid}/status-entry` returns them. */
  credentialStatus?: readonly BitstringStatusListEntry[];
};

/**
 * The second half of issuing: the W3C VC 2.0 document the holder keeps (attributes, salts and the
 * chain reference), once the draft's anchor is on chain. Pure.
 *
 * @example
 * const vc = completeCredential({ draft, chainId, registry, issuer: university, uid, transactionHash })
 */
export function completeCredential({ draft, chainId, registry, issuer, uid, transactionHash, credentialStatus }: CompleteCredentialParameters): IdentreeCredential {
  return {
    '@context': VC_CONTEXT,
    id: `urn:identree:${chainId}:${registry.toLowerCase()}:${uid}`,
    type: ['VerifiableCredential', draft.type],
    issuer: did(chainId, issuer),
    validFrom: (draft.validFrom ?? new Date(0)).toISOString(),
    ...(draft.validUntil ? { validUntil: draft.validUntil.toISOString() } : {}),
    credentialSchema: { id: credentialSchemas[draft.schema].$id, type: 'JsonSchema' },
    credentialSubject: { id: did(chainId, draft.subject), ...Object.fromEntries(Object.entries(draft.values).map(([name, value]) => [name, claimValue(name, value)])) },
    ...(credentialStatus && credentialStatus.length > 0 ? { credentialStatus } : {}),
    proof: {
      type: 'IdentreeMerkleAnchor2026',
      chainId,
      registry: getAddress(registry),
      uid,
      commitment: draft.anchor.commitment,
      ...(transactionHash ? { transactionHash } : {}),
      leafEncoding: ATTRIBUTE_LEAF_ENCODING,
      salts: draft.salts,
    },
  };
}
