import { randomUUID } from 'node:crypto';
import type { Hex, LocalAccount } from 'viem';
import type { paths, RelayedAuthorityWrite } from '@identree/client';
import type { Connection } from './connection.js';

/** Every authority write the API prepares: `/prepare/<name>`. */
// Face templates are a holder's messages (`/prepare/face/{action}`), not an authority's writes.
// `/prepare/enrollment` is the enrollee's own EIP-712 message for the sponsor to relay, not an authority's transaction.
export type AuthorityWrite = Exclude<Extract<keyof paths, `/prepare/${string}`>, `/prepare/holder/${string}` | `/prepare/face/${string}` | `/prepare/enrollment` | `/prepare/${string}/relayed`> extends `/prepare/${infer Name}` ? Name : never;
export type PreparedTransaction = { to: string; data: string; chainId: number; nonce: number; gas: string; maxFeePerGas?: string | null; maxPriorityFeePerGas?: string | null; gasPrice?: string | null; functionName: string };
export type WriteRecord = { id: number; status: string; transactionHash: string | null; response?: unknown; error?: string };

/**
 * An authority's write, the way the API intends: the service prepares the call (checking it first,
 * so a write that would revert is refused with its reason before any gas is spent), the key signs
 * it here, and the service submits it through its outbox. The private key never leaves this process.
 */
export async function prepareAuthorityWrite(connection: Connection, name: AuthorityWrite, body: object): Promise<PreparedTransaction> {
  // Each path takes its own body; the CLI's commands build the right one for the name they pass.
  return connection.expect(connection.api().POST(`/prepare/${name}` as '/prepare/register-entity', { body: body as never })) as Promise<PreparedTransaction>;
}

export async function signPrepared(account: LocalAccount, p: PreparedTransaction, nonce = p.nonce): Promise<Hex> {
  const common = { to: p.to as Hex, data: p.data as Hex, chainId: p.chainId, nonce, gas: BigInt(p.gas) };
  return account.signTransaction(p.maxFeePerGas
    ? { ...common, type: 'eip1559', maxFeePerGas: BigInt(p.maxFeePerGas), maxPriorityFeePerGas: BigInt(p.maxPriorityFeePerGas ?? 0) }
    : { ...common, type: 'legacy', gasPrice: BigInt(p.gasPrice ?? 0) });
}

export async function submitSigned(connection: Connection, signedTransaction: Hex, idempotencyKey: string): Promise<WriteRecord> {
  return connection.expect(connection.api().POST('/transactions', { body: { signedTransaction }, params: { header: { 'idempotency-key': idempotencyKey } } })) as Promise<WriteRecord>;
}

/**
 * Every write the API relays: `/prepare/<name>/relayed`, one for each row of the API's authority-write table (which
 * names each write's contract, so the holder registry's own writes are there too). `relayedAuthorityWrite` takes only
 * these, so a write the API prepares but does not relay would fail to compile where `--sponsored` sends it.
 */
export type { RelayedAuthorityWrite };

type AuthorityCallTypedData = { domain: Record<string, unknown>; types: Record<string, unknown>; primaryType: string; message: { signer: Hex; data: Hex; nonce: string; deadline: string } };
/** A signed AuthorityCall, as `POST /relay/authority-call` takes it; kept in a batch's journal before it is sent. */
export type SignedAuthorityCall = { signer: Hex; data: Hex; deadline: number; signature: Hex };

/**
 * The service answers the EIP-712 AuthorityCall for the write (simulated first, so a refusal comes back with its
 * reason) and the key signs it here. Nothing is sent: `submitAuthorityCall` does that. `nonce` is the signer's
 * AuthorityCall nonce the message uses (they are used in order).
 */
export async function signRelayedAuthorityWrite(connection: Connection, account: LocalAccount, name: RelayedAuthorityWrite, body: object): Promise<{ call: SignedAuthorityCall; nonce: number }> {
  const typed = await connection.expect(connection.api().POST(`/prepare/${name}/relayed` as '/prepare/register-entity/relayed', { body: body as never })) as unknown as AuthorityCallTypedData;
  const signature = await account.signTypedData({
    domain: typed.domain, types: typed.types, primaryType: typed.primaryType,
    message: { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) },
  } as never);
  return { call: { signer: typed.message.signer, data: typed.message.data, deadline: Number(typed.message.deadline), signature }, nonce: Number(typed.message.nonce) };
}

/** Has the service's sponsor send a signed AuthorityCall and pay, within the entity's quota, once per Idempotency-Key. */
export async function submitAuthorityCall(connection: Connection, call: SignedAuthorityCall, idempotencyKey: string): Promise<WriteRecord> {
  return connection.expect(connection.api().POST('/relay/authority-call', {
    body: call,
    params: { header: { 'idempotency-key': idempotencyKey } },
  })) as Promise<WriteRecord>;
}

/** The same write relayed: signed here as an AuthorityCall, sent and paid for by the service's sponsor. */
export async function relayedAuthorityWrite(connection: Connection, account: LocalAccount, name: RelayedAuthorityWrite, body: object, idempotencyKey: string): Promise<WriteRecord> {
  const { call } = await signRelayedAuthorityWrite(connection, account, name, body);
  return submitAuthorityCall(connection, call, idempotencyKey);
}

export async function authorityWrite(connection: Connection, account: LocalAccount, name: AuthorityWrite, body: object, idempotencyKey = `cli-${randomUUID()}`): Promise<WriteRecord> {
  if (connection.sponsored) return relayedAuthorityWrite(connection, account, name, body, idempotencyKey);
  const prepared = await prepareAuthorityWrite(connection, name, body);
  return submitSigned(connection, await signPrepared(account, prepared), idempotencyKey);
}

/** The registry events a confirmed write emitted, as the service decoded them. */
export const writeEvents = (record: WriteRecord): { event: string; args: Record<string, unknown> }[] =>
  ((record.response as { events?: { event: string; args: Record<string, unknown> }[] } | undefined)?.events) ?? [];
