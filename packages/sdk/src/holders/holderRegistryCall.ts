import type { Address, TransactionReceipt } from 'viem';
import { holderRegistryAbi } from '@identree/abi';
import { decodeHolderRegistryError } from '../errors/holderRegistry.js';
import { readContractCall, writeContractCall, type ContractTarget, type RegistryClient } from '../utils/writeRegistry.js';
import type { TransactionResult } from '../types.js';

/** Where the holder registry is (`getHolderRegistry` finds it from the identity registry). */
export type HolderRegistryParameters = { holderRegistry: Address };
export type HolderRegistryWriteParameters = HolderRegistryParameters & { account?: import('viem').Account | Address };

const holderTarget = (address: Address): ContractTarget => ({ address, abi: holderRegistryAbi, decodeError: decodeHolderRegistryError });

/** Simulates, sends and waits for one holder-registry call (see `writeContractCall`). */
export async function writeHolderRegistry(
  client: RegistryClient,
  { holderRegistry, ...parameters }: HolderRegistryWriteParameters & { functionName: string; args: readonly unknown[] },
): Promise<TransactionResult & { receipt: TransactionReceipt }> {
  const { result: _result, ...written } = await writeContractCall(client, holderTarget(holderRegistry), parameters);
  return written;
}

/** Reads one holder-registry view, reverts decoded the same way. */
export async function readHolderRegistry<R>(
  client: RegistryClient,
  { holderRegistry, ...parameters }: HolderRegistryParameters & { functionName: string; args?: readonly unknown[] },
): Promise<R> {
  return readContractCall<R>(client, holderTarget(holderRegistry), parameters);
}
