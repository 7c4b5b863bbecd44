import type { Address } from 'viem';
import { getChainId } from 'viem/actions';
import { anchorCredential } from '../actions/anchorCredential.js';
import type { RegistryClient, RegistryWriteParameters } from '../utils/writeRegistry.js';
import { completeCredential, draftCredential, type DraftCredentialParameters } from './draftCredential.js';
import type { IdentreeCredential } from './types.js';

/** What `draftCredential` takes, plus where to anchor it. */
export type IssueCredentialParameters = RegistryWriteParameters & DraftCredentialParameters;

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
