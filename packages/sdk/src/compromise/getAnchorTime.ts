import type { Address, Hash } from 'viem';
import { getBlock, getLogs } from 'viem/actions';
import { getAbiItem } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { RegistryClient } from '../utils/writeRegistry.js';

const anchored = getAbiItem({ abi: identityRegistryAbi, name: 'CredentialAnchored' });

/**
 * When a credential was anchored: the block time of its `CredentialAnchored` event, or null when no such event is
 * on chain. The registry keeps no anchoring time in its one-slot credential record, so this reads the log (by the
 * indexed uid) and then the block; verifiers need it only for issuers with a compromise report.
 *
 * @example
 * const at = await getAnchorTime(client, { registry, uid })
 */
export async function getAnchorTime(client: RegistryClient, { registry, uid }: { registry: Address; uid: Hash }): Promise<{ blockNumber: bigint; timestamp: number } | null> {
  const logs = await getLogs(client, { address: registry, event: anchored, args: { uid }, fromBlock: 0n, toBlock: 'latest' });
  const log = logs[0];
  if (!log || log.blockNumber === null) return null;
  const block = await getBlock(client, { blockNumber: log.blockNumber });
  return { blockNumber: log.blockNumber, timestamp: Number(block.timestamp) };
}
