import type { Account, Address, TransactionSerializable } from 'viem';
import { estimateGas, prepareTransactionRequest } from 'viem/actions';
import { IdentreeError } from '../errors/base.js';
import { decodeRegistryError } from '../errors/decodeRegistryError.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { simulateRegistryWrite } from './simulateRegistryWrite.js';
import type { PreparedCall } from './types.js';

export type PrepareTransactionParameters = PreparedCall & {
  /** The sender: a local account, or an address (default the client's account). */
  account?: Account | Address;
  /** Default: the sender's pending transaction count. A sponsor that numbers its own transactions passes it. */
  nonce?: number;
};
/** Ready for `account.signTransaction`: chain id, nonce, gas and fees filled in. */
export type PrepareTransactionReturnType = TransactionSerializable & {
  from: Address;
  chainId: number;
  nonce: number;
  gas: bigint;
};

/**
 * Fills in what a prepared call lacks to be signed: chain id, nonce, gas limit and fees, read from the
 * chain with viem's `prepareTransactionRequest`. The gas estimate runs the call, so a call the contract
 * would refuse fails here, as its typed error when the call is a registry's.
 *
 * @example
 * const call = prepareRegisterEntity({ registry, entity, kind: 'Person' })
 * const request = await prepareTransaction(publicClient, { ...call, account })
 * const serialized = await account.signTransaction(request)
 */
export async function prepareTransaction(
  client: RegistryClient,
  { to, data, value, account = client.account, nonce }: PrepareTransactionParameters,
): Promise<PrepareTransactionReturnType> {
  if (!account) throw new IdentreeError('A transaction needs a sender: pass `account` or use a client with one.');
  try {
    // The gas the call needs, estimated without fee fields: given a fee cap, geth (eth_fillTransaction,
    // eth_estimateGas) caps the estimate at what the sender can pay, so a sender without ether gets
    // "insufficient funds" instead of a gas limit, and its caller cannot say how much it lacks.
    const gas = await estimateGas(client, { to, data, value, account: typeof account === 'string' ? account : account.address });
    const prepared = await prepareTransactionRequest(client, { to, data, value, account, nonce, gas, chain: client.chain });
    // The sender and the chain are not part of what is signed; `from` stays, for the caller to check.
    const { account: _account, chain: _chain, parameters: _parameters, ...request } = prepared as typeof prepared & {
      parameters?: unknown;
    };
    return request as PrepareTransactionReturnType;
  } catch (error) {
    // A failed gas estimate carries the revert undecoded; the simulation names it (or fails the same way).
    await simulateRegistryWrite(client, { to, data, account });
    throw decodeRegistryError(error);
  }
}
