import type { Address } from 'viem';
import { callService } from './http.js';
import { callAs, type Session } from './session.js';
import type { MessageSigner, TypedDataToSign } from '../keys/injectedWallet.js';

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

export const fetchLoginRequest = (request: string) => callService<LoginRequestContext>(`/oidc/login-request?request=${encodeURIComponent(request)}`);
export const fetchClaimsPreview = (key: Address) => callService<ClaimsPreview>(`/oidc/claims-preview?key=${key}`);
export type ReleaseGrant = { uid: string; duration: number; attributes: string; deadline: number; signature: string };
export const approveLogin = (body: { request: string; message: string; signature: string; release: { kind: boolean; credentials: string[]; grants?: ReleaseGrant[] } }) =>
  callService<{ redirectTo: string }>('/oidc/login', { method: 'POST', body });
/** A sign-in's release, as the holder's wallet lists it: kept by the service, revocable there. */
export type OidcRelease = { id: string; clientId: string; clientName: string; verifier: Address | null; claims: string[]; uids: `0x${string}`[]; createdAt: string; expiresAt: string; revokedAt: string | null; live: boolean };
export const fetchReleases = (session: Session) => callAs<{ releases: OidcRelease[] }>(session, '/me/oidc-releases');
export const revokeRelease = (session: Session, id: string) => callAs<OidcRelease>(session, `/me/oidc-releases/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
export const denyLogin = (request: string) => callService<{ redirectTo: string }>('/oidc/deny', { method: 'POST', body: { request } });

/** A release to a site with a registered address is an access grant: one day, the whole credential, revocable in the wallet. */
export const RELEASE_GRANT_SECONDS = 86_400;
const WHOLE_CREDENTIAL = `0x${'00'.repeat(26)}`;

/** The GrantAccess message for one released credential, prepared by the service and signed here. */
export async function signReleaseGrant(signer: MessageSigner, p: { holder: Address; verifier: Address; uid: string }): Promise<ReleaseGrant> {
  const typed = await callService<TypedDataToSign>('/prepare/holder/grant-access', {
    method: 'POST',
    body: { holder: p.holder, verifier: p.verifier, uid: p.uid, duration: RELEASE_GRANT_SECONDS, attributes: WHOLE_CREDENTIAL },
  });
  const uint256 = new Set(Object.values(typed.types).flat().filter((f) => f.type === 'uint256').map((f) => f.name));
  const message = Object.fromEntries(Object.entries(typed.message).map(([k, v]) => [k, uint256.has(k) ? BigInt(v as string) : v]));
  const signature = await signer.signTypedData({ ...typed, message });
  return { uid: p.uid, duration: RELEASE_GRANT_SECONDS, attributes: WHOLE_CREDENTIAL, deadline: Number(typed.message.deadline), signature };
}
