import type { Address, Hash, Hex, LocalAccount } from 'viem';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AttributeSchemaError, CredentialType, completeCredential, credentialSchemas, draftCredential, sealCredential, secureCredentialJwt,
  type BitstringStatusListEntry, type CredentialSchemaName, type IdentreeCredential,
} from '@identree/sdk';
import type { Connection } from './connection.js';
import { authorityWrite, prepareAuthorityWrite, signPrepared, submitSigned, writeEvents, type AuthorityWrite, type PreparedTransaction, type WriteRecord } from './authorityWrite.js';
import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';

export type CredentialRequest = {
  type: string;
  subject: Address;
  attributes: Record<string, string | number | boolean>;
  source?: Hash;
  validFrom?: string;
  validUntil?: string;
  parents?: { mother?: Address; father?: Address };
};
export type Draft = ReturnType<typeof draftCredential>;

const typeNames = Object.keys(CredentialType) as (keyof typeof CredentialType)[];

/**
 * The registry's name for `type` (matched without regard to case), and the schema its attributes are
 * checked against: its own when the SDK has one, else the Generic one, which still checks every
 * attribute's name and value. Passport and CarTitle have no schema of their own, and an issuer
 * asking for one expects a credential, not a refusal.
 */
export function credentialTypeOf(type: string): { type: keyof typeof CredentialType; schema: CredentialSchemaName } {
  const known = typeNames.find((name) => name.toLowerCase() === type.toLowerCase());
  if (!known) {
    throw new CliError('unknown_credential_type', `"${type}" is not a credential type the registry knows: ${typeNames.join(', ')}`, ExitCode.usage,
      `pass one of those; a type without a schema of its own (${typeNames.filter((name) => !Object.hasOwn(credentialSchemas, name)).join(', ')}) is issued with the Generic schema, which takes any attribute names`);
  }
  return { type: known, schema: Object.hasOwn(credentialSchemas, known) ? (known as CredentialSchemaName) : 'Generic' };
}

/** The draft: salted attribute tree and its commitment, checked against the type's schema here. */
export function draftFor(request: CredentialRequest): Draft {
  const { type, schema } = credentialTypeOf(request.type);
  try {
    return draftCredential({
      type, schema, subject: request.subject, attributes: request.attributes, source: request.source,
      validFrom: request.validFrom ? new Date(request.validFrom) : undefined, validUntil: request.validUntil ? new Date(request.validUntil) : undefined,
      parents: request.parents,
    });
  } catch (error) {
    if (!(error instanceof AttributeSchemaError)) throw error;
    throw new CliError('attributes_invalid', error.shortMessage, ExitCode.usage,
      schema === 'Generic' ? 'attribute names are letters, digits and _ (not "id"); values are at most 1,024 characters' : `the attributes the ${schema} schema takes: ${credentialSchemas[schema].$id}`);
  }
}

/** The anchor's write: a birth certificate names its parents, every other credential is a plain anchor. */
export const anchorWrite = (draft: Draft, parents?: CredentialRequest['parents']): [AuthorityWrite, object] =>
  parents && (parents.mother || parents.father) ? ['anchor-birth-certificate', { ...draft.anchor, parents }] : ['anchor-credential', draft.anchor];

export async function prepareAnchor(connection: Connection, draft: Draft, parents?: CredentialRequest['parents']): Promise<PreparedTransaction> {
  return prepareAuthorityWrite(connection, ...anchorWrite(draft, parents));
}

export type ServiceChain = { chainId: number; registry: Address };
export async function serviceChain(connection: Connection): Promise<ServiceChain> {
  const health = await connection.expect(connection.api(false).GET('/health')) as { chainId: number; registry: string };
  return { chainId: health.chainId, registry: health.registry as Address };
}

/** How long to wait for the service to index a confirmed anchor before issuing without status lists. */
const STATUS_ENTRY_ATTEMPTS = 20;

/**
 * The credential's place in the service's status lists, so a verifier that does not read the chain
 * still learns of a revocation. The service indexes an anchor within one pass after it is
 * confirmed, so "not indexed" is retried for a few seconds; any other refusal is an error.
 */
export async function statusEntryFor(connection: Connection, uid: Hash): Promise<BitstringStatusListEntry[] | undefined> {
  for (let attempt = 1; ; attempt++) {
    const call = connection.api().POST('/credentials/{uid}/status-entry', { params: { path: { uid } } });
    const result = await call;
    const notIndexed = result.response.status === 404 && /not indexed/.test(String((result.error as { message?: string } | undefined)?.message));
    if (!notIndexed) return (await connection.expect(Promise.resolve(result))).credentialStatus as BitstringStatusListEntry[];
    if (attempt === STATUS_ENTRY_ATTEMPTS) return undefined;
    await sleep(250);
  }
}

/** The W3C credential the holder keeps, once its anchor is confirmed, with its status list entries when the service gives them. */
export async function completed(connection: Connection, chain: ServiceChain, draft: Draft, issuer: Address, record: WriteRecord): Promise<IdentreeCredential> {
  const anchored = writeEvents(record).find((e) => e.event === 'CredentialAnchored');
  if (!anchored) throw new CliError('anchor_missing', `write ${record.id} confirmed without a CredentialAnchored event`, ExitCode.unavailable);
  const uid = anchored.args.uid as Hash;
  const credentialStatus = await statusEntryFor(connection, uid);
  // The registry names the issuing identity in the event; after a key rotation the signing key's
  // address is another, which no DID resolves to the issuer.
  const issuingIdentity = (anchored.args.issuer as Address | undefined) ?? issuer;
  return completeCredential({ draft, ...chain, issuer: issuingIdentity, uid, transactionHash: record.transactionHash as Hash, credentialStatus });
}

/**
 * Seals the credential to the holder's current key and hands it to the service for the holder,
 * together with its vc+jwt form signed by the issuer's key (what a verifier outside Identree checks
 * with any JWT library and our DID resolver). A holder who has never signed in has no public key the
 * service knows; the caller keeps the credential and delivers it later (`identree credential deliver`).
 */
export async function deliver(connection: Connection, credential: IdentreeCredential, issuerKey: LocalAccount): Promise<{ delivered: boolean; reason?: string }> {
  const holder = credential.credentialSubject.id.split(':').pop() as Address;
  const key = await connection.api(false).GET('/identities/{address}/public-key', { params: { path: { address: holder } } });
  if (!key.data) return { delivered: false, reason: `the holder ${holder} has not signed in yet, so its public key is unknown` };
  const jwt = await secureCredentialJwt(credential, { signer: issuerKey });
  await connection.expect(connection.api().POST('/deliveries', { body: sealCredential({ credential, jwt, holderPublicKey: key.data.publicKey as Hex }) as never }));
  return { delivered: true };
}

/** Issue one credential end to end: draft, prepare, sign, submit, complete, deliver. */
export async function issueOne(connection: Connection, account: LocalAccount, request: CredentialRequest, chain: ServiceChain, draft = draftFor(request)) {
  const key = `cli-issue-${draft.anchor.commitment}`;
  const record = connection.sponsored
    ? await authorityWrite(connection, account, ...anchorWrite(draft, request.parents), key)
    : await submitSigned(connection, await signPrepared(account, await prepareAnchor(connection, draft, request.parents)), key);
  if (record.status !== 'confirmed') return { record, credential: undefined, delivery: { delivered: false, reason: `the anchor is ${record.status}` } };
  const credential = await completed(connection, chain, draft, account.address, record);
  return { record, credential, delivery: await deliver(connection, credential, account) };
}
