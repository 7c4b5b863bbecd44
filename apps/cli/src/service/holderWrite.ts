import { randomUUID } from 'node:crypto';
import type { LocalAccount, TypedDataDefinition } from 'viem';
import type { Connection } from './connection.js';
import type { WriteRecord } from './authorityWrite.js';

/** Each sponsored holder write: the message the API prepares, and the route that relays it. */
const routes = {
  'link-credential': '/tree/link',
  'unlink-credential': '/tree/unlink',
  'grant-access': '/grants',
  'revoke-access': '/grants/revoke',
  'add-guardian': '/guardians',
  'remove-guardian': '/guardians/remove',
  'approve-recovery': '/recoveries/approvals',
  'cancel-recovery': '/recoveries/cancel',
} as const;
export type HolderWrite = keyof typeof routes;

type Prepared = { domain: Record<string, unknown>; types: Record<string, { name: string; type: string }[]>; primaryType: string; message: Record<string, unknown> };

/**
 * Asks the API for the EIP-712 message of a holder write and signs it with the holder's key. Holders
 * hold no ether: the service relays the signed message and pays for it.
 */
export async function signHolderMessage(connection: Connection, account: LocalAccount, name: HolderWrite | 'rotate-key' | 'accept-key', body: object) {
  const prepared = await connection.expect(connection.api(false).POST(`/prepare/holder/${name}` as '/prepare/holder/link-credential', { body: body as never })) as Prepared;
  // uint fields arrive as decimal strings (JSON has no 256-bit integers); EIP-712 signs them as numbers.
  const fields = prepared.types[prepared.primaryType] ?? [];
  const message = Object.fromEntries(Object.entries(prepared.message).map(([k, v]) => {
    const type = fields.find((f) => f.name === k)?.type ?? '';
    return [k, /^u?int\d*$/.test(type) ? BigInt(v as string) : v];
  }));
  const signature = await account.signTypedData({ ...prepared, message } as unknown as TypedDataDefinition);
  return { signature, deadline: Number(message.deadline), message };
}

export async function holderWrite(connection: Connection, account: LocalAccount, name: HolderWrite, body: Record<string, unknown>): Promise<WriteRecord> {
  const { signature, deadline } = await signHolderMessage(connection, account, name, body);
  const route = routes[name];
  return connection.expect(connection.api().POST(route as '/tree/link', {
    body: { ...body, deadline, signature } as never,
    params: { header: { 'idempotency-key': `cli-${randomUUID()}` } },
  })) as Promise<WriteRecord>;
}
