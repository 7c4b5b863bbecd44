import type { Address } from 'viem';
import type { TypedDataToSign } from '../keys/injectedWallet.js';
import { callService } from './http.js';
import { callAs, type Session } from './session.js';

export type TreeCredential = { uid: `0x${string}`; type: string; issuer: Address; issuerKind: string | null; level: string; valid: boolean; revoked: boolean; validFrom: number; validUntil: number };
export type Tree = { holder: { account: Address; kind: string; status: string; tokenId: string }; credentials: TreeCredential[] };
export type HeldCredential = Omit<TreeCredential, 'issuerKind'> & { linked: boolean };
export type Grant = { verifier: Address; uid: `0x${string}`; expiresAt: number; revoked: boolean; live: boolean; attributes: string };
export type AccessEntry = { id: number; verifier: Address; uid: `0x${string}`; success: boolean; blockTime: number | null; proof: { transactionHash: string } };
export type WriteAnswer = { status: string; id?: number; transactionHash?: string | null };

export const fetchTree = (identity: Address) => callService<Tree>(`/entities/${identity}/tree`);
export const fetchHeldCredentials = (identity: Address) => callService<{ credentials: HeldCredential[] }>(`/entities/${identity}/credentials`);
export const fetchGrants = (session: Session) => callAs<{ grants: Grant[] }>(session, '/me/grants');
export const fetchAccessLog = (session: Session) => callAs<{ entries: AccessEntry[] }>(session, '/me/access-log');

/** The service prepares the EIP-712 message (nonce, deadline); the key signs it here; the service relays it and pays. */
async function signAndRelay(session: Session, prepare: string, fields: Record<string, unknown>, submit: string, key: string): Promise<WriteAnswer> {
  const typed = await callService<TypedDataToSign>(`/prepare/holder/${prepare}`, { method: 'POST', body: fields });
  const uint256 = new Set(Object.values(typed.types).flat().filter((f) => f.type === 'uint256').map((f) => f.name));
  const message = Object.fromEntries(Object.entries(typed.message).map(([k, v]) => [k, uint256.has(k) ? BigInt(v as string) : v]));
  const signature = await session.signer.signTypedData({ ...typed, message });
  return callAs<WriteAnswer>(session, submit, { method: 'POST', body: { ...typed.message, deadline: Number(typed.message.deadline), signature, nonce: undefined }, idempotencyKey: key });
}

// One Idempotency-Key per user action: a retried request of that action is relayed once.
const actionKey = () => crypto.randomUUID();
export const linkCredential = (session: Session, holder: Address, uid: string) => signAndRelay(session, 'link-credential', { holder, uid }, '/tree/link', actionKey());
export const unlinkCredential = (session: Session, holder: Address, uid: string) => signAndRelay(session, 'unlink-credential', { holder, uid }, '/tree/unlink', actionKey());
export const revokeGrant = (session: Session, holder: Address, verifier: Address, uid: string) =>
  signAndRelay(session, 'revoke-access', { holder, verifier, uid }, '/grants/revoke', actionKey());
/** Lets `verifier` read `attributes` (a digest; zero for the whole credential) of a credential for `duration` seconds. */
export const grantAccess = (session: Session, p: { holder: Address; verifier: Address; uid: string; duration: number; attributes: string }) =>
  signAndRelay(session, 'grant-access', p, '/grants', actionKey());
