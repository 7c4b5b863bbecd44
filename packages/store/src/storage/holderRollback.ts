import { and, eq, gte } from 'drizzle-orm';
import type { Database } from './database.js';
import { accessLog, webhookDeliveries } from './schemaHolders.js';

/**
 * The holder tables a reorg rolls back beyond the undo log: event rows (the access log) are deleted
 * from the block on, like audit entries, and webhook deliveries queued for those blocks are dropped
 * unless already delivered (a sent notice cannot be unsent; the event replays on the new chain).
 * Share keys are not restored: a revocation that a reorg undid stays in force until the holder shares again.
 */
export async function rollbackHolderEvents(db: Database, fromBlock: bigint): Promise<number> {
  const log = await db.delete(accessLog).where(gte(accessLog.blockNumber, fromBlock)).returning({ id: accessLog.id });
  const deliveries = await db
    .delete(webhookDeliveries)
    .where(and(gte(webhookDeliveries.blockNumber, fromBlock), eq(webhookDeliveries.status, 'pending')))
    .returning({ id: webhookDeliveries.id });
  return log.length + deliveries.length;
}
