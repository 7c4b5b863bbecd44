import type { Address } from 'viem';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type GetHolderRegistryParameters = RegistryParameters;
export type GetHolderRegistryReturnType = Address;

/**
 * The holder registry (key bindings, guardians, consent) the identity registry deployed and trusts.
 * Read it once per deployment and bind it with `holderActions`.
 *
 * @example
 * const holderRegistry = await getHolderRegistry(client, { registry })
 * const holder = client.extend(holderActions(holderRegistry))
 */
export async function getHolderRegistry(client: RegistryClient, { registry }: GetHolderRegistryParameters): Promise<GetHolderRegistryReturnType> {
  return readRegistry<Address>(client, { registry, functionName: 'holderRegistry' });
}
