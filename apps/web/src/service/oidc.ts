import type { Address } from 'viem';
import { answer, serviceClient } from './api.js';
import { clientOf, type Session } from './session.js';
import type { MessageSigner, TypedDataToSign } from '../keys/injectedWallet.js';
import type { FaceMatchReport } from './face.js';

export type LoginRequestContext = {
  client: { id: string; name: string; verifier: Address | null; redirectOrigin: string };
  scope: string;
  siwe: { domain: string; uri: string; chainId: number; statement: string; nonce: string; expiresAt: string };
  claimsOffered: string[];
};

export type ClaimsPreview = {
  identity: Address;
  did: string;
  kind: string | null;
  status: string | null;
  credentials: { uid: `0x${string}`; type: string; level: string; valid: boolean; validUntil: number; issuer: Address }[];
};

export const fetchLoginRequest = async (request: string) =>
  (await answer(serviceClient().GET('/oidc/login-request', { params: { query: { request } } }))) as LoginRequestContext;
export const fetchClaimsPreview = async (key: Address) =>
  (await answer(serviceClient().GET('/oidc/claims-preview', { params: { query: { key } } }))) as ClaimsPreview;
export type ReleaseGrant = { uid: string; duration: number; attributes: string; deadline: number; signature: string };
export const approveLogin = async (body: { request: string; message: string; signature: string; match?: FaceMatchReport; release: { kind: boolean; credentials: string[]; grants?: ReleaseGrant[] } }) =>
  (await answer(serviceClient().POST('/oidc/login', { body }))) as { redirectTo: string };
/** A sign-in's release, as the holder's wallet lists it: kept by the service, revocable there. */
export type OidcRelease = { id: string; clientId: string; clientName: string; verifier: Address | null; claims: string[]; uids: `0x${string}`[]; createdAt: string; expiresAt: string; revokedAt: string | null; live: boolean };
export const fetchReleases = async (session: Session) => (await answer(clientOf(session).GET('/me/oidc-releases'))) as { releases: OidcRelease[] };
export const revokeRelease = async (session: Session, id: string) =>
  (await answer(clientOf(session).POST('/me/oidc-releases/{id}/revoke', { params: { path: { id } } }))) as OidcRelease;
export const denyLogin = async (request: string) => (await answer(serviceClient().POST('/oidc/deny', { body: { request } }))) as { redirectTo: string };

/** A release to a site with a registered address is an access grant: one day, the whole credential, revocable in the wallet. */
export const RELEASE_GRANT_SECONDS = 86_400;
// The SDK's WHOLE_CREDENTIAL, written out: importing the SDK here would pull it into the sign-in page's first load.
const WHOLE_CREDENTIAL = `0x${'00'.repeat(26)}`;

/** The GrantAccess message for one released credential, prepared by the service and signed here. */
export async function signReleaseGrant(signer: MessageSigner, p: { holder: Address; verifier: Address; uid: string }): Promise<ReleaseGrant> {
  const typed = (await answer(serviceClient().POST('/prepare/holder/grant-access', {
    body: { holder: p.holder, verifier: p.verifier, uid: p.uid, duration: RELEASE_GRANT_SECONDS, attributes: WHOLE_CREDENTIAL },
  }))) as TypedDataToSign;
  const uint256 = new Set(Object.values(typed.types).flat().filter((f) => f.type === 'uint256').map((f) => f.name));
  const message = Object.fromEntries(Object.entries(typed.message).map(([k, v]) => [k, uint256.has(k) ? BigInt(v as string) : v]));
  const signature = await signer.signTypedData({ ...typed, message });
  return { uid: p.uid, duration: RELEASE_GRANT_SECONDS, attributes: WHOLE_CREDENTIAL, deadline: Number(typed.message.deadline), signature };
}
