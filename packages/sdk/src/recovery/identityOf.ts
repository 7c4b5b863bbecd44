import type { Address } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readHolderRegistry, type HolderRegistryParameters } from '../holders/holderRegistryCall.js';

export type IdentityOfParameters = HolderRegistryParameters & { key: Address };
export type IdentityOfReturnType = Address | null;

/**
 * The identity `key` acts for: the key itself when it was never bound or retired, the bound identity
 * for a bound key, null for a retired key.
 *
 * @example
 * const identity = await identityOf(client, { holderRegistry, key: signer })
 */
export async function identityOf(client: RegistryClient, { holderRegistry, key }: IdentityOfParameters): Promise<IdentityOfReturnType> {
  const identity = await readHolderRegistry<Address>(client, { holderRegistry, functionName: 'identityOf', args: [key] });
  return /^0x0{40}$/.test(identity) ? null : identity;
}
