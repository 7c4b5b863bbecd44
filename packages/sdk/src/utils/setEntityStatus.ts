import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from './writeRegistry.js';

export type EntityStatusParameters = RegistryWriteParameters & { entity: Address };

/** Shared by suspend, reinstate and revoke: the three differ only in the contract function. */
export async function setEntityStatus(
  client: RegistryClient,
  functionName: 'suspendEntity' | 'reinstateEntity' | 'revokeEntity',
  { entity, ...rest }: EntityStatusParameters,
): Promise<TransactionResult> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName, args: [entity] });
  return { hash, blockNumber, gasUsed };
}
