import type { Address } from 'viem';
import { getContractEvents } from 'viem/actions';
import { identityRegistryAbi } from '@identree/abi';
import { EntityStatus, nameOf, type EntityStatusName } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { blockTimeReader } from './keyHistory.js';

/** One change of an entity's standing (`EntityStatusChanged`), oldest first in a history. */
export type StatusChangeRecord = { status: EntityStatusName; blockNumber: bigint; time: Date };

/**
 * Where a resolver reads an entity's suspensions, reinstatements and revocation from, so that a
 * `versionTime` before a revocation answers with the standing of that moment: the service passes
 * its indexer's read model; `chainStatusHistory` reads the registry's logs.
 */
export type StatusHistorySource = (entity: Address) => Promise<readonly StatusChangeRecord[]>;

export type ChainStatusHistoryParameters = { registry: Address; fromBlock?: bigint };

/**
 * A status history read straight from the registry's `EntityStatusChanged` logs.
 *
 * @example
 * const changes = await chainStatusHistory(client, { registry })(university)
 */
export function chainStatusHistory(client: RegistryClient, { registry, fromBlock = 0n }: ChainStatusHistoryParameters): StatusHistorySource {
  const blockTimes = blockTimeReader(client);
  return async (entity) => {
    const logs = await getContractEvents(client, { address: registry, abi: identityRegistryAbi, eventName: 'EntityStatusChanged', args: { account: entity }, fromBlock, toBlock: 'latest', strict: true });
    const changes: StatusChangeRecord[] = [];
    for (const log of logs) {
      const { status } = log.args as { status: number };
      changes.push({ status: nameOf(EntityStatus, Number(status)), blockNumber: log.blockNumber, time: await blockTimes(log.blockNumber) });
    }
    return changes;
  };
}

/** The standing at `time`: the last change at or before it, else Active (as registered). */
export function statusAt(changes: readonly StatusChangeRecord[], time: number): EntityStatusName {
  let status: EntityStatusName = 'Active';
  for (const change of changes) if (change.time.getTime() <= time) status = change.status;
  return status;
}
