import type { Address, Hash, Hex } from 'viem';
import { getBlock, getContractEvents } from 'viem/actions';
import { holderRegistryAbi } from '@identree/abi';
import { decodeHolderRegistryError } from '../errors/holderRegistry.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import type { HolderRegistryParameters } from '../holders/holderRegistryCall.js';
import type { AccessLogEntry } from './types.js';

export type GetAccessLogParameters = HolderRegistryParameters & {
  holder: Address;
  /** Only this credential's accesses. */
  uid?: Hash;
  /** Default: genesis. Chains with long histories should pass the deployment block; the identity service serves this from its indexer. */
  fromBlock?: bigint;
};
export type GetAccessLogReturnType = AccessLogEntry[];

/**
 * The holder's access timeline from the chain's `AccessLogged` events, oldest first: which verifier
 * accessed which attributes of which credential, when, and whether it succeeded.
 *
 * @example
 * for (const row of await getAccessLog(client, { holderRegistry, holder })) console.log(row.verifier, new Date(row.blockTime * 1000))
 */
export async function getAccessLog(client: RegistryClient, { holderRegistry, holder, uid, fromBlock = 0n }: GetAccessLogParameters): Promise<GetAccessLogReturnType> {
  try {
    const logs = await getContractEvents(client, { address: holderRegistry, abi: holderRegistryAbi, eventName: 'AccessLogged', args: { holder, ...(uid ? { uid } : {}) }, fromBlock, strict: true });
    // One block read per distinct block, for nodes that do not put the timestamp on the log.
    const times = new Map<bigint, Promise<number>>();
    const timeOf = (l: (typeof logs)[number]) => {
      const reported = (l as { blockTimestamp?: bigint | null }).blockTimestamp;
      if (typeof reported === 'bigint') return Promise.resolve(Number(reported));
      if (!times.has(l.blockNumber)) times.set(l.blockNumber, getBlock(client, { blockNumber: l.blockNumber }).then((b) => Number(b.timestamp)));
      return times.get(l.blockNumber)!;
    };
    return await Promise.all(
      logs.map(async (l) => ({
        verifier: l.args.verifier,
        uid: l.args.uid,
        attributes: l.args.attributes as Hex,
        success: l.args.success,
        blockNumber: l.blockNumber,
        blockTime: await timeOf(l),
        transactionHash: l.transactionHash,
        logIndex: l.logIndex,
      })),
    );
  } catch (error) {
    throw decodeHolderRegistryError(error);
  }
}
