import type { Address } from 'viem';
import { getBlock, getContractEvents } from 'viem/actions';
import { holderRegistryAbi } from '@identree/abi';
import type { RegistryClient } from '../utils/writeRegistry.js';

/** One change of the key that controls an identity (`KeyChanged`), oldest first in a history. */
export type KeyChangeRecord = { key: Address; blockNumber: bigint; time: Date };

/**
 * Where a resolver reads an identity's key changes from: the service passes its indexer's read
 * model; `chainKeyHistory` reads the holder registry's logs for standalone use.
 */
export type KeyHistorySource = (identity: Address) => Promise<readonly KeyChangeRecord[]>;

export type ChainKeyHistoryParameters = { holderRegistry: Address; fromBlock?: bigint };

/**
 * A key history read straight from the chain's `KeyChanged` logs (one `eth_getLogs` per
 * resolution, block times cached), for a resolver that has no indexer.
 *
 * @example
 * const history = chainKeyHistory(client, { holderRegistry })
 * const changes = await history(alice)
 */
export function chainKeyHistory(client: RegistryClient, { holderRegistry, fromBlock = 0n }: ChainKeyHistoryParameters): KeyHistorySource {
  const blockTimes = blockTimeReader(client);
  return async (identity) => {
    const logs = await getContractEvents(client, { address: holderRegistry, abi: holderRegistryAbi, eventName: 'KeyChanged', args: { identity }, fromBlock, toBlock: 'latest', strict: true });
    const changes: KeyChangeRecord[] = [];
    for (const log of logs) {
      const args = log.args as { newKey: Address };
      changes.push({ key: args.newKey, blockNumber: log.blockNumber, time: await blockTimes(log.blockNumber) });
    }
    return changes;
  };
}

/** Block timestamps by number, remembered (a bounded cache: old blocks do not change). */
export function blockTimeReader(client: RegistryClient): (blockNumber: bigint) => Promise<Date> {
  const cache = new Map<bigint, Date>();
  return async (blockNumber) => {
    const known = cache.get(blockNumber);
    if (known) return known;
    const { timestamp } = await getBlock(client, { blockNumber });
    const time = new Date(Number(timestamp) * 1000);
    if (cache.size > 10_000) cache.clear();
    cache.set(blockNumber, time);
    return time;
  };
}
