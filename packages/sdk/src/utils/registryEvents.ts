import type { Address, Hash } from 'viem';
import { getContractEvents } from 'viem/actions';
import { identityRegistryAbi } from '@identree/abi';
import type { RegistryClient } from './writeRegistry.js';
import { decodeRegistryError } from '../errors/decodeRegistryError.js';

type EventName = 'CredentialAnchored' | 'CredentialLinked' | 'CredentialUnlinked' | 'CredentialTransferred' | 'ParentsLinked' | 'AchievementAdded' | 'CredentialDerived';

/**
 * Reads registry events from `fromBlock` (default: genesis). Chains with long histories should
 * pass the deployment block; the identity service serves these from its indexer instead.
 */
export async function registryEvents<const N extends EventName>(
  client: RegistryClient,
  registry: Address,
  eventName: N,
  args: Record<string, Address | Hash | Hash[] | undefined>,
  fromBlock: bigint = 0n,
) {
  try {
    return await getContractEvents(client, {
      address: registry,
      abi: identityRegistryAbi,
      eventName,
      args: args as never,
      fromBlock,
      strict: true,
    });
  } catch (error) {
    // Nodes refuse long ranges or fail in transit; callers still get an IdentreeError.
    throw decodeRegistryError(error);
  }
}
