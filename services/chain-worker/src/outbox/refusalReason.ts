import { BaseError, RpcRequestError } from 'viem';

const truncate = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

/**
 * Why the node refused a transaction, in words a client may read: the node's own reason (the JSON-RPC
 * error's message), never viem's whole message, which names the node's URL and echoes the request
 * body. A signer that cannot pay for gas is said so plainly: it is the usual case of an authority
 * registered without ether.
 *
 * @example
 * refusalReason(error) // 'insufficient funds: the signing account cannot pay for this transaction's gas'
 */
export function refusalReason(error: unknown): string {
  const rpc = error instanceof BaseError ? (error.walk((e) => e instanceof RpcRequestError) as RpcRequestError | null) : null;
  const reason = rpc?.details ?? (error instanceof BaseError ? error.details || error.shortMessage : String((error as Error)?.message ?? error));
  if (/insufficient funds|insufficient balance/i.test(reason)) {
    return 'insufficient funds: the signing account cannot pay for this transaction\'s gas';
  }
  // Whatever the node said, no address of an internal service reaches the client.
  return `the node refused the transaction: ${truncate(reason.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[address withheld]'))}`;
}
