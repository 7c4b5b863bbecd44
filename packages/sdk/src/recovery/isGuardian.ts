import type { Address } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readHolderRegistry, type HolderRegistryParameters } from '../holders/holderRegistryCall.js';

export type IsGuardianParameters = HolderRegistryParameters & { identity: Address; guardian: Address };
export type IsGuardianReturnType = boolean;

/**
 * Whether `guardian` (an identity, not a key) is in the guardian set of `identity` now.
 *
 * @example
 * if (await isGuardian(client, { holderRegistry, identity: alice, guardian: bob })) { … }
 */
export async function isGuardian(client: RegistryClient, { holderRegistry, identity, guardian }: IsGuardianParameters): Promise<IsGuardianReturnType> {
  return readHolderRegistry<boolean>(client, { holderRegistry, functionName: 'isGuardian', args: [identity, guardian] });
}
