import type { Address } from 'viem';
import type { PreparedTransaction, TypedDataToSign } from '../keys/injectedWallet.js';
import { callAs, type Session } from './session.js';
import { callService } from './http.js';
import type { WriteAnswer } from './wallet.js';

type AuthorityAnswer = WriteAnswer & { response?: { events?: { event: string; args: Record<string, unknown> }[] } };

export type EntityView = { account: Address; registrar: Address; kind: string; status: string; tokenId: string };

/**
 * An authority's write: the service prepares the transaction (simulated as the signed-in key, so a
 * refusal comes back in words before anything is paid), the key signs it in this page, the service
 * sends it once per action. A wallet extension cannot sign a transaction without sending it, so it
 * signs the relayed form instead (the EIP-712 AuthorityCall), which the service's sponsor sends.
 */
export async function authorityWrite(session: Session, write: string, body: Record<string, unknown>): Promise<AuthorityAnswer> {
  if (!session.signer.signTransaction) return relayedAuthorityWrite(session, write, body);
  const tx = await callAs<PreparedTransaction>(session, `/prepare/${write}`, { method: 'POST', body });
  const signedTransaction = await session.signer.signTransaction(tx);
  return callAs(session, '/transactions', { method: 'POST', body: { signedTransaction }, idempotencyKey: crypto.randomUUID() });
}

async function relayedAuthorityWrite(session: Session, write: string, body: Record<string, unknown>): Promise<AuthorityAnswer> {
  const typed = await callAs<TypedDataToSign & { message: { signer: string; data: string; nonce: string; deadline: string } }>(session, `/prepare/${write}/relayed`, { method: 'POST', body });
  // Integers arrive as decimal strings (JSON has no 256-bit numbers); EIP-712 signs them as numbers.
  const { signer, data, nonce, deadline } = typed.message;
  const signature = await session.signer.signTypedData({ ...typed, message: { signer, data, nonce: BigInt(nonce), deadline: BigInt(deadline) } });
  return callAs(session, '/relay/authority-call', { method: 'POST', body: { signer, data, deadline: Number(deadline), signature }, idempotencyKey: crypto.randomUUID() });
}

export const fetchEntity = (address: Address) => callService<EntityView>(`/entities/${address}`);

/** The credential types every registry knows from deployment; governments may define more. */
export const BUILT_IN_TYPES = [
  { id: 1, name: 'BirthCertificate' },
  { id: 2, name: 'ScholarCurriculum' },
  { id: 3, name: 'Passport' },
  { id: 4, name: 'CarTitle' },
] as const;
