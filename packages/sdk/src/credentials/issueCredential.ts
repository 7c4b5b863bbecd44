import type { Address, Hash } from 'viem';
import { getChainId } from 'viem/actions';
import { anchorCredential } from '../actions/anchorCredential.js';
import type { RegistryClient, RegistryWriteParameters } from '../utils/writeRegistry.js';
import type { AttributeValues, CredentialSchemaName } from './credentialSchemas.js';
import { completeCredential, draftCredential } from './draftCredential.js';
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

export { VC_CONTEXT } from './draftCredential.js';

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
  const { type, credentialType, schema, subject, attributes, validFrom, validUntil, source, parents, issuedAt, ...rest } = parameters;
  const draft = draftCredential({ type, credentialType, schema, subject, attributes, validFrom, validUntil, source, parents, issuedAt });
  const anchored = await anchorCredential(client, { ...rest, ...draft.anchor });
  const chainId = client.chain?.id ?? (await getChainId(client));
  const issuer = (typeof rest.account === 'string' ? rest.account : (rest.account ?? client.account)!.address) as Address;
  return completeCredential({ draft, chainId, registry: rest.registry, issuer, uid: anchored.uid, transactionHash: anchored.hash });
}
