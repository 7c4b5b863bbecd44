import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type AcceptRootParameters = RegistryWriteParameters;
export type AcceptRootReturnType = TransactionResult;

/**
 * Accepts a pending root offer (step two of two). The signer must be the pending root.
 *
 * @example
 * await acceptRoot(government2, { registry })
 */
export async function acceptRoot(client: RegistryClient, parameters: AcceptRootParameters): Promise<AcceptRootReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...parameters, functionName: 'acceptRoot', args: [] });
  return { hash, blockNumber, gasUsed };
}
