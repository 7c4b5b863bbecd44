import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type RevokeBatchCredentialParameters = RegistryWriteParameters & { batchId: bigint; index: number };
export type RevokeBatchCredentialReturnType = TransactionResult;

/**
 * Revokes one credential of a batch the signer anchored: one bit of the batch's revocation bitmap.
 *
 * @example
 * await revokeBatchCredential(gov, { registry, batchId, index: 41 })
 */
export async function revokeBatchCredential(
  client: RegistryClient,
  { batchId, index, ...rest }: RevokeBatchCredentialParameters,
): Promise<RevokeBatchCredentialReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'revokeBatchCredential', args: [batchId, index] });
  return { hash, blockNumber, gasUsed };
}
