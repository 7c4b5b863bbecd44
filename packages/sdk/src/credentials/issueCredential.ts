import { getAddress, type Address, type Hash } from 'viem';
import { getChainId } from 'viem/actions';
import { anchorCredential } from '../actions/anchorCredential.js';
import { CredentialType } from '../types.js';
import { NO_EXPIRY } from '../utils/timestamp.js';
import type { RegistryClient, RegistryWriteParameters } from '../utils/writeRegistry.js';
import { ATTRIBUTE_LEAF_ENCODING, commitAttributes } from './commitAttributes.js';
import { credentialSchemas, validateAttributes, type AttributeValues, type CredentialSchemaName } from './credentialSchemas.js';
import { deriveAgeClaims } from './derivedClaims.js';
import { UnknownCredentialTypeError } from './errors.js';
import type { IdentreeCredential } from './types.js';

export type IssueCredentialParameters = RegistryWriteParameters & {
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

export type IssueCredentialReturnType = IdentreeCredential;

export const VC_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://identree.dev/credentials/v1'] as const;

const did = (chainId: number, address: Address) => `did:identree:${chainId}:${getAddress(address)}`;
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Issues a credential: validates the attributes against the type's JSON Schema, adds derived
 * claims, commits every attribute with its own salt, anchors the root, and returns the W3C VC 2.0
 * document the holder keeps (attributes, salts and chain reference).
 *
 * @example
 * const vc = await issueCredential(gov, {
 *   registry, type: 'BirthCertificate', subject: alice,
 *   attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
 * })
 */
export async function issueCredential(client: RegistryClient, parameters: IssueCredentialParameters): Promise<IssueCredentialReturnType> {
  const { type, subject, attributes, validFrom, validUntil, source, parents, issuedAt = new Date(), ...rest } = parameters;
  const credentialType = parameters.credentialType ?? CredentialType[type as keyof typeof CredentialType];
  if (credentialType === undefined) throw new UnknownCredentialTypeError(type);
  const schema = parameters.schema ?? (type in credentialSchemas ? (type as CredentialSchemaName) : undefined);
  if (!schema) throw new UnknownCredentialTypeError(type);
  validateAttributes(schema, attributes);

  const values: Record<string, string> = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, String(v)]));
  if (schema === 'BirthCertificate') Object.assign(values, deriveAgeClaims(values.birthDate!, issuedAt));
  const committed = commitAttributes(values);

  const anchored = await anchorCredential(client, {
    ...rest,
    subject,
    credentialType,
    commitment: committed.commitment,
    validFrom: validFrom ? seconds(validFrom) : 0,
    validUntil: validUntil ? seconds(validUntil) : NO_EXPIRY,
    source,
    parents,
  });
  const chainId = client.chain?.id ?? (await getChainId(client));
  const issuer = (typeof rest.account === 'string' ? rest.account : (rest.account ?? client.account)!.address) as Address;

  return {
    '@context': VC_CONTEXT,
    id: `urn:identree:${chainId}:${rest.registry.toLowerCase()}:${anchored.uid}`,
    type: ['VerifiableCredential', type],
    issuer: did(chainId, issuer),
    validFrom: (validFrom ?? new Date(0)).toISOString(),
    ...(validUntil ? { validUntil: validUntil.toISOString() } : {}),
    credentialSchema: { id: credentialSchemas[schema].$id, type: 'JsonSchema' },
    credentialSubject: { id: did(chainId, subject), ...values },
    proof: {
      type: 'IdentreeMerkleAnchor2026',
      chainId,
      registry: getAddress(rest.registry),
      uid: anchored.uid,
      commitment: committed.commitment,
      transactionHash: anchored.hash,
      leafEncoding: ATTRIBUTE_LEAF_ENCODING,
      salts: Object.fromEntries(committed.attributes.map((a) => [a.name, a.salt])),
    },
  };
}
