import type { Address } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readHolderRegistry, type HolderRegistryParameters } from '../holders/holderRegistryCall.js';

export type KeyOfParameters = HolderRegistryParameters & { identity: Address };
export type KeyOfReturnType = Address | null;

/**
 * The key that controls `identity` now: the identity's own address until its first change of key;
 * null when `identity` is itself only a key (bound or retired).
 *
 * @example
 * const key = await keyOf(client, { holderRegistry, identity: alice })
 */
export async function keyOf(client: RegistryClient, { holderRegistry, identity }: KeyOfParameters): Promise<KeyOfReturnType> {
  const key = await readHolderRegistry<Address>(client, { holderRegistry, functionName: 'keyOf', args: [identity] });
  return /^0x0{40}$/.test(key) ? null : key;
}
