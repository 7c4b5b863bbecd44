import type { Address, Hex } from 'viem';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type RevokeCredentialOfParameters = RegistryWriteParameters & { issuer: Address; commitment: Hex };
export type RevokeCredentialOfReturnType = TransactionResult;

/**
 * Revokes a credential another issuer anchored: for root or an active registrar above that issuer,
 * when the issuer's key was stolen or its credentials must fall with it.
 *
 * @example
 * await revokeCredentialOf(root, { registry, issuer: revokedProvince, commitment })
 */
export async function revokeCredentialOf(
  client: RegistryClient,
  { issuer, commitment, ...rest }: RevokeCredentialOfParameters,
): Promise<RevokeCredentialOfReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'revokeCredentialOf', args: [issuer, commitment] });
  return { hash, blockNumber, gasUsed };
}
