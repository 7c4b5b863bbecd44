import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type RevokeAccreditationParameters = RegistryWriteParameters & { issuer: Address; credentialType: number };
export type RevokeAccreditationReturnType = TransactionResult;

/**
 * Withdraws an accreditation; the accrediting government or root signs.
 *
 * @example
 * await revokeAccreditation(gov2, { registry, issuer: university1, credentialType: 2 })
 */
export async function revokeAccreditation(
  client: RegistryClient,
  { issuer, credentialType, ...rest }: RevokeAccreditationParameters,
): Promise<RevokeAccreditationReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'revokeAccreditation', args: [issuer, credentialType] });
  return { hash, blockNumber, gasUsed };
}
