import type { Address, Hash, Hex } from 'viem';
import type { AccessLogRecord, AccessLogRepository } from '../../storage/holderTypes.js';
import { collection, insertNext, lower, type Doc, type MongoHandle } from '../mongoHandle.js';

const fromDoc = (d: Doc): AccessLogRecord & { id: number } => ({
  id: d._id as number,
  holder: d.holder as Address,
  verifier: d.verifier as Address,
  uid: d.uid as Hash,
  attributes: d.attributes as Hex,
  success: d.success as boolean,
  blockTime: d.blockTime as number | null,
  event: {
    blockNumber: d.blockNumber as bigint,
    blockHash: d.blockHash as Hash,
    transactionHash: d.txHash as Hash,
    logIndex: d.logIndex as number,
  },
  granted: d.granted as boolean | null,
});

/** The on-chain access log, one document per event, kept once however often an event is replayed. */
export function mongoAccessLogRepository(h: MongoHandle): AccessLogRepository {
  return {
    async append(entry) {
      const eventKey = `${lower(entry.event.transactionHash)} ${entry.event.logIndex}`;
      const { created } = await insertNext(
        h,
        'access_log',
        (id) => ({
          _id: id,
          eventKey,
          holder: lower(entry.holder),
          verifier: lower(entry.verifier),
          uid: lower(entry.uid),
          attributes: lower(entry.attributes),
          success: entry.success,
          blockNumber: entry.event.blockNumber,
          blockHash: lower(entry.event.blockHash),
          blockTime: entry.blockTime,
          txHash: lower(entry.event.transactionHash),
          logIndex: entry.event.logIndex,
          granted: entry.granted ?? null,
        }),
        () => collection(h, 'access_log').findOne({ eventKey }),
      );
      return created;
    },
    async listByHolder(holder, { limit = 100, beforeId, granted } = {}) {
      const found = await collection(h, 'access_log')
        .find({
          holder: lower(holder),
          ...(beforeId === undefined ? {} : { _id: { $lt: beforeId } }),
          ...(granted === undefined ? {} : { granted }),
        })
        .sort({ blockNumber: -1, logIndex: -1 })
        .limit(limit)
        .toArray();
      return found.map(fromDoc);
    },
  };
}
