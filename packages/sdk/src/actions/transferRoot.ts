import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type TransferRootParameters = RegistryWriteParameters & { newRoot: Address };
export type TransferRootReturnType = TransactionResult;

/**
 * Offers root to an active government (step one of two). The zero address cancels an offer.
 *
 * @example
 * await transferRoot(root, { registry, newRoot: government2 })
 */
export async function transferRoot(
  client: RegistryClient,
  { newRoot, ...rest }: TransferRootParameters,
): Promise<TransferRootReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'transferRoot', args: [newRoot] });
  return { hash, blockNumber, gasUsed };
}
