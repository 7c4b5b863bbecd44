import { and, desc, eq, lt } from 'drizzle-orm';
import type { Address, Hash, Hex } from 'viem';
import { lower, type Database } from '../database.js';
import { accessLog } from '../schemaHolders.js';
import type { AccessLogRepository, AccessLogRecord } from '../holderTypes.js';

type Row = typeof accessLog.$inferSelect;

const fromRow = (r: Row): AccessLogRecord & { id: number } => ({
  id: r.id,
  holder: r.holder as Address,
  verifier: r.verifier as Address,
  uid: r.uid as Hash,
  attributes: r.attributes as Hex,
  success: r.success,
  blockTime: r.blockTime,
  event: { blockNumber: r.blockNumber, blockHash: r.blockHash as Hash, transactionHash: r.txHash as Hash, logIndex: r.logIndex },
  granted: r.granted,
});

/** The on-chain access log, one row per event, kept once however often an event is replayed. */
export function accessLogRepository(db: Database): AccessLogRepository {
  return {
    async append(entry) {
      const inserted = await db
        .insert(accessLog)
        .values({
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
        })
        .onConflictDoNothing({ target: [accessLog.txHash, accessLog.logIndex] })
        .returning({ id: accessLog.id });
      return inserted.length === 1;
    },
    async listByHolder(holder, { limit = 100, beforeId, granted } = {}) {
      const found = await db
        .select()
        .from(accessLog)
        .where(and(eq(accessLog.holder, lower(holder)), beforeId === undefined ? undefined : lt(accessLog.id, beforeId), granted === undefined ? undefined : eq(accessLog.granted, granted)))
        .orderBy(desc(accessLog.blockNumber), desc(accessLog.logIndex))
        .limit(limit);
      return found.map(fromRow);
    },
  };
}
