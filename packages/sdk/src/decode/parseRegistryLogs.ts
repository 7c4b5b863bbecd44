import { parseEventLogs, type Log, type ParseEventLogsReturnType, type RpcLog } from 'viem';
import { registryAbis, type RegistryAbis } from './registryAbis.js';

export type ParseRegistryLogsReturnType = ParseEventLogsReturnType<RegistryAbis, undefined, false>;

/**
 * Parses raw logs of the identity registry and the holder registry (an indexer's `getLogs` over both
 * addresses) into viem's parsed logs, keeping every log a registry event names even when its data does
 * not decode strictly (`strict: false`), and dropping the rest.
 *
 * @example
 * const raw = await client.getLogs({ address: [registry, holderRegistry], fromBlock, toBlock })
 * for (const log of parseRegistryLogs(raw)) project(log.eventName, log.args)
 */
export function parseRegistryLogs(logs: readonly (Log | RpcLog)[]): ParseRegistryLogsReturnType {
  return parseEventLogs({ abi: registryAbis, logs: [...logs], strict: false }).filter((log) => log.eventName);
}
