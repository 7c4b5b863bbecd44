import type { Address } from 'viem';
import type { TypedDataToSign } from '../keys/injectedWallet.js';
import type { RelayedAuthorityWrite, RelayedAuthorityWriteBody } from '@identree/client';
import { answer, serviceClient } from './api.js';
import { clientOf, type Session } from './session.js';
import type { WriteAnswer } from './wallet.js';

export type EntityView = { account: Address; registrar: Address; kind: string; status: string; tokenId: string };
export type AuthorityAnswer = WriteAnswer & { response?: { events?: { event: string; args: Record<string, unknown> }[] } };

/**
 * An authority's write, relayed (issue 17: authorities do not need ether): the service prepares the
 * EIP-712 AuthorityCall after simulating the call as the signed-in key, so a refusal comes back in
 * words before anything is paid; the key signs it in this page (an in-page key or a wallet extension,
 * whose eth_signTypedData_v4 is all it takes); the sponsor sends it once per action and pays.
 */
export async function authorityWrite<W extends RelayedAuthorityWrite>(session: Session, write: W, body: RelayedAuthorityWriteBody<W>): Promise<AuthorityAnswer> {
  const api = clientOf(session);
  // The template path is one of the document's; its body type is the one the document names for it.
  const typed = (await answer(api.POST(`/prepare/${write}/relayed` as '/prepare/register-entity/relayed', { body: body as never }))) as unknown as TypedDataToSign & {
    message: { signer: Address; data: `0x${string}`; nonce: string; deadline: string };
  };
  const signature = await session.signer.signTypedData({ ...typed, message: { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) } });
  const relayed = await answer(api.POST('/relay/authority-call', {
    body: { signer: typed.message.signer, data: typed.message.data, deadline: Number(typed.message.deadline), signature },
    params: { header: { 'idempotency-key': crypto.randomUUID() } },
  }));
  return relayed as AuthorityAnswer;
}

export const fetchEntity = async (address: Address): Promise<EntityView> =>
  (await answer(serviceClient().GET('/entities/{address}', { params: { path: { address } } }))) as EntityView;

/** The credential types every registry knows from deployment; governments may define more. */
export const BUILT_IN_TYPES = [
  { id: 1, name: 'BirthCertificate' },
  { id: 2, name: 'ScholarCurriculum' },
  { id: 3, name: 'Passport' },
  { id: 4, name: 'CarTitle' },
] as const;
