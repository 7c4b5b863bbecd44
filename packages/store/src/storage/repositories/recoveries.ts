import { asc, eq } from 'drizzle-orm';
import type { Address, Hash } from 'viem';
import { lower, type Database } from '../database.js';
import { recoveries } from '../schemaHolders.js';
import type { RecoveriesRepository, RecoveryRecord, RecoveryStatus } from '../holderTypes.js';
import { recordUndo } from '../undoLog.js';

type Row = typeof recoveries.$inferSelect;

const fromRow = (r: Row): RecoveryRecord => ({
  recoveryId: r.recoveryId as Hash,
  identity: r.identity as Address,
  newKey: r.newKey as Address,
  approvals: r.approvals as Address[],
  readyAt: r.readyAt,
  status: r.status as RecoveryStatus,
  updatedAt: { blockNumber: r.updatedBlock, transactionHash: r.updatedTxHash as Hash, logIndex: r.updatedLogIndex },
});

/** Guardian recoveries by id, as the indexer last saw them. */
export function recoveriesRepository(db: Database): RecoveriesRepository {
  return {
    async upsert(recovery) {
      const recoveryId = lower(recovery.recoveryId);
      const values = {
        identity: lower(recovery.identity),
        newKey: lower(recovery.newKey),
        approvals: recovery.approvals.map(lower),
        readyAt: recovery.readyAt,
        status: recovery.status,
        updatedBlock: recovery.updatedAt.blockNumber,
        updatedTxHash: lower(recovery.updatedAt.transactionHash),
        updatedLogIndex: recovery.updatedAt.logIndex,
      };
      await db.transaction(async (tx) => {
        await recordUndo(tx, 'recoveries', [recoveryId], recovery.updatedAt);
        await tx.insert(recoveries).values({ recoveryId, ...values }).onConflictDoUpdate({ target: recoveries.recoveryId, set: values });
      });
    },
    async get(recoveryId) {
      const [row] = await db.select().from(recoveries).where(eq(recoveries.recoveryId, lower(recoveryId)));
      return row ? fromRow(row) : null;
    },
    async listByIdentity(identity) {
      const found = await db
        .select()
        .from(recoveries)
        .where(eq(recoveries.identity, lower(identity)))
        .orderBy(asc(recoveries.updatedBlock), asc(recoveries.updatedLogIndex));
      return found.map(fromRow);
    },
  };
}
