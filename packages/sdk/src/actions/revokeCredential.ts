import type { Hex } from 'viem';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type RevokeCredentialParameters = RegistryWriteParameters & { commitment: Hex };
export type RevokeCredentialReturnType = TransactionResult;

/**
 * Revokes a credential the signer issued, identified by its commitment.
 *
 * @example
 * await revokeCredential(gov, { registry, commitment: root })
 */
export async function revokeCredential(
  client: RegistryClient,
  { commitment, ...rest }: RevokeCredentialParameters,
): Promise<RevokeCredentialReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'revokeCredential', args: [commitment] });
  return { hash, blockNumber, gasUsed };
}
