import type { Address, Hash } from 'viem';
import {
  completeCredential, draftCredential, IDENTREE_CREDENTIAL_CONTEXT_PATH, prepareCredentialEip712, sealCredential, secureCredentialEip712, secureCredentialJwt,
  type AttributeValues, type BitstringStatusListEntry, type Eip712SecuredCredential,
} from '@identree/sdk';
import { authorityWrite } from './authority.js';
import { answer as answerOf, serviceClient } from './api.js';
import { ServiceAnswerError } from './http.js';
import { clientOf, type Session } from './session.js';

/**
 * `jwt`: the credential's vc+jwt form, when the issuer's key is in this page; `eip712`: its
 * EthereumEip712Signature2021 form, when the issuer signs with a wallet extension (which cannot sign a JWS).
 */
export type IssueResult = { uid: Hash; delivered: boolean; document: unknown; jwt?: string; eip712?: Eip712SecuredCredential };

/**
 * Issues a credential from this page: the SDK drafts it (the type's JSON Schema checks the
 * attributes, each gets its own salt), the service prepares the anchor, the issuer's key signs it
 * here, and the document is sealed to the holder's key (ECIES) and left with the service, which
 * cannot read it. When the holder's key is not known yet, the document is offered as a file.
 *
 * Like the CLI, the delivery carries the credential's vc+jwt form too (`secureCredentialJwt`: ES256K by
 * the issuer's current key), which a verifier outside Identree checks with did-jwt and our DID
 * resolver. Only a key kept in this page can sign it: a wallet extension signs prefixed messages and
 * typed data, never a raw JWS. Its credentials carry an EIP-712 proof instead (`prepareCredentialEip712`,
 * signed with eth_signTypedData_v4), which Veramo's `@veramo/credential-eip712` checks against the same DID document.
 */
export async function issueCredential(session: Session, p: { type: string; subject: Address; attributes: AttributeValues; validUntil?: Date; source?: Hash }): Promise<IssueResult> {
  const { chainId, registry } = await fetchServiceInfo();
  const draft = draftCredential({ type: p.type, subject: p.subject, attributes: p.attributes, validUntil: p.validUntil, source: p.source });
  const { subject, credentialType, commitment, validFrom, validUntil, source } = draft.anchor;
  const answer = await authorityWrite(session, 'anchor-credential', { subject, credentialType, commitment, validFrom: validFrom || undefined, validUntil: validUntil || undefined, source });
  const anchored = answer.response?.events?.find((e) => e.event === 'CredentialAnchored');
  const uid = anchored?.args.uid as Hash | undefined;
  if (!uid || !answer.transactionHash) throw new Error('The credential was sent but is not confirmed yet; look for it in a minute before issuing it again.');
  const credentialStatus = await statusEntryFor(session, uid);
  // The registry names the issuing identity in the event: after a key rotation that is not the key's
  // own address, and the credential (and its vc+jwt `iss`) must name the identity the DID resolves.
  const issuer = (anchored?.args.issuer as Address | undefined) ?? session.signer.address;
  const document = completeCredential({ draft, chainId, registry, issuer, uid, transactionHash: answer.transactionHash as Hash, credentialStatus });
  const secured = session.signer.local
    ? { jwt: await secureCredentialJwt(document, { signer: session.signer.local.account }) }
    : { eip712: await securedByWallet(session, document) };
  const holderKey = await answerOf(serviceClient().GET('/identities/{address}/public-key', { params: { path: { address: p.subject } } })).catch(() => null);
  if (!holderKey) return { uid, delivered: false, document, ...secured };
  const sealed = sealCredential({ credential: document, holderPublicKey: holderKey.publicKey as `0x${string}`, ...secured });
  await answerOf(clientOf(session).POST('/deliveries', { body: sealed as never }));
  return { uid, delivered: true, document, ...secured };
}

async function securedByWallet(session: Session, document: ReturnType<typeof completeCredential>): Promise<Eip712SecuredCredential> {
  // The service that serves this page publishes the credential vocabulary the EIP-712 form names by URL.
  const typed = prepareCredentialEip712(document, { contextUrl: new URL(IDENTREE_CREDENTIAL_CONTEXT_PATH, window.location.origin).href });
  return secureCredentialEip712(typed, { signature: await session.signer.signTypedData(typed) });
}

/**
 * The credential's places in the service's status lists, so verifiers that do not read the chain
 * learn of a revocation. The service indexes the anchor within a pass of its confirmation, so "not
 * indexed" is retried for a few seconds; without an answer the credential is issued without them.
 */
async function statusEntryFor(session: Session, uid: Hash): Promise<BitstringStatusListEntry[] | undefined> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    try {
      const entry = await answerOf(clientOf(session).POST('/credentials/{uid}/status-entry', { params: { path: { uid } } }));
      return entry.credentialStatus as BitstringStatusListEntry[];
    } catch (error) {
      if (!(error instanceof ServiceAnswerError && error.status === 404 && /not indexed/.test(error.message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return undefined;
}

/** The chain and registry the service runs on; /health names them even while a part is degraded (503). */
export async function fetchServiceInfo(): Promise<{ registry: Address; chainId: number }> {
  // Read whatever the status code: a degraded service answers 503 and still names its chain.
  const { data, error } = await serviceClient().GET('/health');
  const body = (data ?? error ?? {}) as { registry?: Address; chainId?: number };
  if (!body.registry || body.chainId === undefined) throw new Error('The service did not say which chain it runs on; try again in a moment.');
  return { registry: body.registry, chainId: body.chainId };
}
