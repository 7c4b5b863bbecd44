import { parseEventLogs, type ContractEventName, type Log } from 'viem';
import { toJsonSafe, type JsonValue } from '../utils/toJsonSafe.js';
import { registryAbis, type RegistryAbis } from './registryAbis.js';

export type RegistryEventName = ContractEventName<RegistryAbis>;
/** One decoded event, JSON-safe: bigints are decimal strings, so it can be stored or sent as it is. */
export type DecodedRegistryEvent = { event: RegistryEventName; logIndex: number; args: { [name: string]: JsonValue } };
export type DecodeRegistryEventsReturnType = DecodedRegistryEvent[];

/**
 * Decodes the identity registry's and the holder registry's events among `logs` (a receipt's), in log
 * order, with bigints as decimal strings. Logs no registry event matches are left out.
 *
 * @example
 * const receipt = await client.waitForTransactionReceipt({ hash })
 * const events = decodeRegistryEvents(receipt.logs)
 * // [{ event: 'EntityRegistered', logIndex: 0, args: { account: '0x90F7…', registrar: '0xf39F…', kind: 4 } },
 * //  { event: 'Transfer', logIndex: 1, args: { from: '0x0000…', to: '0x90F7…', tokenId: '8276…' } }, …]
 */
export function decodeRegistryEvents(logs: readonly Log<bigint, number, false>[]): DecodeRegistryEventsReturnType {
  return parseEventLogs({ abi: registryAbis, logs: [...logs] }).map((log) => ({
    event: log.eventName,
    logIndex: log.logIndex,
    args: toJsonSafe(log.args) as { [name: string]: JsonValue },
  }));
}
