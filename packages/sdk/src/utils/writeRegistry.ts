import type { Account, Address, Chain, Client, TransactionReceipt, Transport } from 'viem';
import { readContract, simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import { identityRegistryAbi } from '@identree/abi';
import { decodeRegistryError } from '../errors/decodeRegistryError.js';
import { IdentreeError } from '../errors/base.js';
import type { TransactionResult } from '../types.js';

export type RegistryClient = Client<Transport, Chain | undefined, Account | undefined>;

/** Parameters every registry action takes: where the registry is and, for writes, who signs. */
export type RegistryParameters = { registry: Address };
export type RegistryWriteParameters = RegistryParameters & { account?: Account | Address };

/** A transaction was mined but reverted (the simulation passed, the chain moved in between). */
export class TransactionRevertedError extends IdentreeError {
  override name = 'TransactionRevertedError';
  constructor(readonly hash: `0x${string}`) {
    super(`Transaction ${hash} reverted on chain.`);
  }
}

/**
 * Simulates, sends and waits for one registry call. Simulating first means a revert is
 * decoded into a typed error before any gas is spent.
 */
export async function writeRegistry<R = unknown>(
  client: RegistryClient,
  parameters: RegistryWriteParameters & { functionName: string; args: readonly unknown[] },
): Promise<TransactionResult & { result: R; receipt: TransactionReceipt }> {
  const { registry, functionName, args } = parameters;
  const account = parameters.account ?? client.account;
  if (!account) throw new IdentreeError('A write needs an account: pass `account` or use a wallet client with one.');
  try {
    const { request, result } = await simulateContract(client, {
      address: registry,
      abi: identityRegistryAbi,
      functionName: functionName as never,
      args: args as never,
      account,
    } as never);
    const hash = await writeContract(client, request as never);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success') throw new TransactionRevertedError(hash);
    return { hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed, result: result as R, receipt };
  } catch (error) {
    throw decodeRegistryError(error);
  }
}

/** Reads one registry view, with reverts decoded the same way as writes. */
export async function readRegistry<R>(
  client: RegistryClient,
  parameters: RegistryParameters & { functionName: string; args?: readonly unknown[] },
): Promise<R> {
  try {
    return (await readContract(client, {
      address: parameters.registry,
      abi: identityRegistryAbi,
      functionName: parameters.functionName as never,
      args: (parameters.args ?? []) as never,
    } as never)) as R;
  } catch (error) {
    throw decodeRegistryError(error);
  }
}
