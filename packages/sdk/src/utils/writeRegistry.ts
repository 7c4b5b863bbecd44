import type { Abi, Account, Address, Chain, Client, TransactionReceipt, Transport } from 'viem';
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

/** One contract's address and ABI, and how its reverts become typed errors. */
export type ContractTarget = { address: Address; abi: Abi; decodeError: (error: unknown) => Error };

/**
 * Simulates, sends and waits for one contract call. Simulating first means a revert is decoded
 * into a typed error before any gas is spent. Shared by the identity and holder registries.
 */
export async function writeContractCall<R = unknown>(
  client: RegistryClient,
  { address, abi, decodeError }: ContractTarget,
  parameters: { account?: Account | Address; functionName: string; args: readonly unknown[] },
): Promise<TransactionResult & { result: R; receipt: TransactionReceipt }> {
  const account = parameters.account ?? client.account;
  if (!account) throw new IdentreeError('A write needs an account: pass `account` or use a wallet client with one.');
  try {
    const { request, result } = await simulateContract(client, {
      address,
      abi,
      functionName: parameters.functionName as never,
      args: parameters.args as never,
      account,
    } as never);
    const hash = await writeContract(client, request as never);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success') throw new TransactionRevertedError(hash);
    return { hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed, result: result as R, receipt };
  } catch (error) {
    throw decodeError(error);
  }
}

/** Reads one contract view, with reverts decoded the same way as writes. */
export async function readContractCall<R>(
  client: RegistryClient,
  { address, abi, decodeError }: ContractTarget,
  parameters: { functionName: string; args?: readonly unknown[] },
): Promise<R> {
  try {
    return (await readContract(client, {
      address,
      abi,
      functionName: parameters.functionName as never,
      args: (parameters.args ?? []) as never,
    } as never)) as R;
  } catch (error) {
    throw decodeError(error);
  }
}

const registryTarget = (address: Address): ContractTarget => ({ address, abi: identityRegistryAbi, decodeError: decodeRegistryError });

/** Simulates, sends and waits for one identity-registry call (see `writeContractCall`). */
export async function writeRegistry<R = unknown>(
  client: RegistryClient,
  { registry, ...parameters }: RegistryWriteParameters & { functionName: string; args: readonly unknown[] },
): Promise<TransactionResult & { result: R; receipt: TransactionReceipt }> {
  return writeContractCall<R>(client, registryTarget(registry), parameters);
}

/** Reads one identity-registry view (see `readContractCall`). */
export async function readRegistry<R>(
  client: RegistryClient,
  { registry, ...parameters }: RegistryParameters & { functionName: string; args?: readonly unknown[] },
): Promise<R> {
  return readContractCall<R>(client, registryTarget(registry), parameters);
}
