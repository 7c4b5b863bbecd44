import type { Address } from 'viem';
import type { TypedDataToSign } from '../keys/injectedWallet.js';
import { answer, serviceClient } from './api.js';
import { clientOf, type Session } from './session.js';

export type TreeCredential = { uid: `0x${string}`; type: string; issuer: Address; issuerKind: string | null; level: string; valid: boolean; revoked: boolean; validFrom: number; validUntil: number };
export type Tree = { holder: { account: Address; kind: string; status: string; tokenId: string }; credentials: TreeCredential[] };
export type HeldCredential = Omit<TreeCredential, 'issuerKind'> & { linked: boolean };
export type Grant = { verifier: Address; uid: `0x${string}`; expiresAt: number; revoked: boolean; live: boolean; attributes: string };
/** `granted`: whether a live grant of the holder's covered the access when it was logged (null for entries from before this was recorded). */
export type AccessEntry = { id: number; verifier: Address; uid: `0x${string}`; success: boolean; granted: boolean | null; blockTime: number | null; proof: { transactionHash: string } };
export type WriteAnswer = { status: string; id?: number; transactionHash?: string | null };

export const fetchTree = async (identity: Address) =>
  (await answer(serviceClient().GET('/entities/{address}/tree', { params: { path: { address: identity } } }))) as Tree;
export const fetchHeldCredentials = async (identity: Address) =>
  (await answer(serviceClient().GET('/entities/{address}/credentials', { params: { path: { address: identity } } }))) as { credentials: HeldCredential[] };
export const fetchGrants = async (session: Session) => (await answer(clientOf(session).GET('/me/grants'))) as { grants: Grant[] };
export const fetchAccessLog = async (session: Session) => (await answer(clientOf(session).GET('/me/access-log'))) as { entries: AccessEntry[] };

/** The service prepares the EIP-712 message (nonce, deadline); `sign` signs it here (the session's key unless said). */
export async function prepareAndSign(prepare: string, fields: Record<string, unknown>, sign: (typed: TypedDataToSign) => Promise<`0x${string}`>) {
  // `prepare` names one of the document's /prepare/holder/* paths; each takes its own fields.
  const typed = (await answer(serviceClient().POST(`/prepare/holder/${prepare}` as '/prepare/holder/link-credential', { body: fields as never }))) as TypedDataToSign;
  // Integers arrive as decimal strings (JSON has no 256-bit numbers); EIP-712 signs them as numbers.
  const fieldTypes = new Map((typed.types[typed.primaryType] ?? []).map((f) => [f.name, f.type]));
  const message = Object.fromEntries(Object.entries(typed.message).map(([k, v]) => [k, /^u?int\d*$/.test(fieldTypes.get(k) ?? '') ? BigInt(v as string) : v]));
  return { typed, signature: await sign({ ...typed, message }), deadline: Number(typed.message.deadline) };
}

/** The service prepares the EIP-712 message (nonce, deadline); the key signs it here; the service relays it and pays. */
export async function signAndRelay(session: Session, prepare: string, fields: Record<string, unknown>, submit: string, key: string): Promise<WriteAnswer> {
  const { typed, signature, deadline } = await prepareAndSign(prepare, fields, session.signer.signTypedData);
  // `submit` names the relay path that takes this message (POST /tree/link, /grants, /guardians, …).
  return (await answer(clientOf(session).POST(submit as '/tree/link', {
    body: { ...typed.message, ...fields, deadline, signature, nonce: undefined } as never,
    params: { header: { 'idempotency-key': key } },
  }))) as WriteAnswer;
}

// One Idempotency-Key per user action: a retried request of that action is relayed once.
export const actionKey = () => crypto.randomUUID();
export const linkCredential = (session: Session, holder: Address, uid: string) => signAndRelay(session, 'link-credential', { holder, uid }, '/tree/link', actionKey());
export const unlinkCredential = (session: Session, holder: Address, uid: string) => signAndRelay(session, 'unlink-credential', { holder, uid }, '/tree/unlink', actionKey());
export const revokeGrant = (session: Session, holder: Address, verifier: Address, uid: string) =>
  signAndRelay(session, 'revoke-access', { holder, verifier, uid }, '/grants/revoke', actionKey());
/** Lets `verifier` read `attributes` (a digest; zero for the whole credential) of a credential for `duration` seconds. */
export const grantAccess = (session: Session, p: { holder: Address; verifier: Address; uid: string; duration: number; attributes: string }) =>
  signAndRelay(session, 'grant-access', p, '/grants', actionKey());
