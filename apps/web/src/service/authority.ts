import type { Address } from 'viem';
import type { PreparedTransaction } from '../keys/injectedWallet.js';
import { callAs, type Session } from './session.js';
import { callService } from './http.js';
import type { WriteAnswer } from './wallet.js';

export type EntityView = { account: Address; registrar: Address; kind: string; status: string; tokenId: string };

/**
 * An authority's write: the service prepares the transaction (simulated as the signed-in key, so a
 * refusal comes back in words before anything is paid), the key signs it in this page, the service
 * sends it once per action.
 */
export async function authorityWrite(session: Session, write: string, body: Record<string, unknown>): Promise<WriteAnswer & { response?: { events?: { event: string; args: Record<string, unknown> }[] } }> {
  if (!session.signer.signTransaction) {
    throw new Error('A wallet extension cannot sign a transaction without sending it. Import your authority key into this browser to make this change.');
  }
  const tx = await callAs<PreparedTransaction>(session, `/prepare/${write}`, { method: 'POST', body });
  const signedTransaction = await session.signer.signTransaction(tx);
  return callAs(session, '/transactions', { method: 'POST', body: { signedTransaction }, idempotencyKey: crypto.randomUUID() });
}

export const fetchEntity = (address: Address) => callService<EntityView>(`/entities/${address}`);

/** The credential types every registry knows from deployment; governments may define more. */
export const BUILT_IN_TYPES = [
  { id: 1, name: 'BirthCertificate' },
  { id: 2, name: 'ScholarCurriculum' },
  { id: 3, name: 'Passport' },
  { id: 4, name: 'CarTitle' },
] as const;
