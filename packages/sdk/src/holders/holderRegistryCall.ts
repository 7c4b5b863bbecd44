import type { Address, TransactionReceipt } from 'viem';
import { readContract, simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import { holderRegistryAbi } from '@identree/abi';
import { decodeHolderRegistryError } from '../errors/holderRegistry.js';
import { IdentreeError } from '../errors/base.js';
import { TransactionRevertedError, type RegistryClient } from '../utils/writeRegistry.js';
import type { TransactionResult } from '../types.js';

/** Where the holder registry is (`getHolderRegistry` finds it from the identity registry). */
export type HolderRegistryParameters = { holderRegistry: Address };
export type HolderRegistryWriteParameters = HolderRegistryParameters & { account?: import('viem').Account | Address };

/**
 * Simulates, sends and waits for one holder-registry call, like `writeRegistry`: a revert is
 * decoded into a typed error before any gas is spent.
 */
export async function writeHolderRegistry(
  client: RegistryClient,
  parameters: HolderRegistryWriteParameters & { functionName: string; args: readonly unknown[] },
): Promise<TransactionResult & { receipt: TransactionReceipt }> {
  const account = parameters.account ?? client.account;
  if (!account) throw new IdentreeError('A write needs an account: pass `account` or use a wallet client with one.');
  try {
    const { request } = await simulateContract(client, {
      address: parameters.holderRegistry,
      abi: holderRegistryAbi,
      functionName: parameters.functionName as never,
      args: parameters.args as never,
      account,
    } as never);
    const hash = await writeContract(client, request as never);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success') throw new TransactionRevertedError(hash);
    return { hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed, receipt };
  } catch (error) {
    throw decodeHolderRegistryError(error);
  }
}

/** Reads one holder-registry view, reverts decoded the same way. */
export async function readHolderRegistry<R>(
  client: RegistryClient,
  parameters: HolderRegistryParameters & { functionName: string; args?: readonly unknown[] },
): Promise<R> {
  try {
    return (await readContract(client, {
      address: parameters.holderRegistry,
      abi: holderRegistryAbi,
      functionName: parameters.functionName as never,
      args: (parameters.args ?? []) as never,
    } as never)) as R;
  } catch (error) {
    throw decodeHolderRegistryError(error);
  }
}
