import type { Address } from 'viem';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type GetRootParameters = RegistryParameters;
export type GetRootReturnType = { root: Address; pendingRoot: Address | null };

/**
 * The root government and the pending one, if a handover is under way.
 *
 * @example
 * const { root } = await getRoot(client, { registry })
 */
export async function getRoot(client: RegistryClient, parameters: GetRootParameters): Promise<GetRootReturnType> {
  const [root, pending] = await Promise.all([
    readRegistry<Address>(client, { ...parameters, functionName: 'root' }),
    readRegistry<Address>(client, { ...parameters, functionName: 'pendingRoot' }),
  ]);
  return { root, pendingRoot: /^0x0{40}$/.test(pending) ? null : pending };
}
