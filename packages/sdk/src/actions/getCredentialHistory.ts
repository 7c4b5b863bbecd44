import type { Address, Hash } from 'viem';
import { registryEvents } from '../utils/registryEvents.js';
import type { RegistryClient, RegistryParameters } from '../utils/writeRegistry.js';

export type GetCredentialHistoryParameters = RegistryParameters & { uid: Hash; fromBlock?: bigint };
export type CredentialOwnership = { owner: Address; since: { blockNumber: bigint; transactionHash: Hash } };
export type GetCredentialHistoryReturnType = CredentialOwnership[];

/**
 * The owners of a credential over time, oldest first: the subject it was anchored for, then every
 * approved transfer (car titles, deeds).
 *
 * @example
 * const owners = await getCredentialHistory(client, { registry, uid: carTitle })
 */
export async function getCredentialHistory(
  client: RegistryClient,
  { uid, fromBlock, registry }: GetCredentialHistoryParameters,
): Promise<GetCredentialHistoryReturnType> {
  const [anchors, transfers] = await Promise.all([
    registryEvents(client, registry, 'CredentialAnchored', { uid }, fromBlock),
    registryEvents(client, registry, 'CredentialTransferred', { uid }, fromBlock),
  ]);
  const at = (l: { blockNumber: bigint; transactionHash: Hash }) => ({ blockNumber: l.blockNumber, transactionHash: l.transactionHash });
  return [
    ...anchors.map((l) => ({ owner: l.args.subject as Address, since: at(l) })),
    ...transfers.map((l) => ({ owner: l.args.to as Address, since: at(l) })),
  ];
}
