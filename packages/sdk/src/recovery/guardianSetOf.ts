import type { Address } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readHolderRegistry, type HolderRegistryParameters } from '../holders/holderRegistryCall.js';
import type { GuardianSet } from './types.js';

export type GuardianSetOfParameters = HolderRegistryParameters & { identity: Address };
export type GuardianSetOfReturnType = GuardianSet;

/**
 * How many guardians `identity` has, the threshold, and the nonce recovery ids are built over. The
 * guardians themselves are events (`GuardianAdded`/`GuardianRemoved`); the identity service indexes them.
 *
 * @example
 * const { count, threshold } = await guardianSetOf(client, { holderRegistry, identity: alice })
 */
export async function guardianSetOf(client: RegistryClient, { holderRegistry, identity }: GuardianSetOfParameters): Promise<GuardianSetOfReturnType> {
  const set = await readHolderRegistry<{ count: number; threshold: number; nonce: number }>(client, { holderRegistry, functionName: 'guardianSetOf', args: [identity] });
  return { count: Number(set.count), threshold: Number(set.threshold), nonce: Number(set.nonce) };
}
