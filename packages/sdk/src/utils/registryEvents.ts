import type { Address, Hash } from 'viem';
import { getContractEvents } from 'viem/actions';
import { identityRegistryAbi } from '@identree/abi';
import type { RegistryClient } from './writeRegistry.js';

type EventName = 'CredentialAnchored' | 'CredentialLinked' | 'CredentialUnlinked' | 'CredentialTransferred' | 'ParentsLinked' | 'AchievementAdded' | 'CredentialDerived';

/**
 * Reads registry events from `fromBlock` (default: genesis). Chains with long histories should
 * pass the deployment block; the identity service serves these from its indexer instead.
 */
export function registryEvents<const N extends EventName>(
  client: RegistryClient,
  registry: Address,
  eventName: N,
  args: Record<string, Address | Hash | Hash[] | undefined>,
  fromBlock: bigint = 0n,
) {
  return getContractEvents(client, {
    address: registry,
    abi: identityRegistryAbi,
    eventName,
    args: args as never,
    fromBlock,
    strict: true,
  });
}
