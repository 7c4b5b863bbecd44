import { eq, gte, lt, sql } from 'drizzle-orm';
import type { Hash } from 'viem';
import { lower, type Database } from '../database.js';
import { auditLog, blocks, indexerCursor, projectionUndo } from '../schema.js';
import type { BlocksRepository } from '../types.js';
import { rollbackProjections } from '../undoLog.js';
import { rollbackHolderEvents } from '../holderRollback.js';

/** Recent block hashes, and the reorg rollback that uses them. */
export function blocksRepository(db: Database): BlocksRepository {
  return {
    async record(blockNumber, hash) {
      await db
        .insert(blocks)
        .values({ number: blockNumber, hash: lower(hash) })
        .onConflictDoUpdate({ target: blocks.number, set: { hash: lower(hash) } });
    },
    async hashAt(blockNumber) {
      const [row] = await db.select({ hash: blocks.hash }).from(blocks).where(eq(blocks.number, blockNumber));
      return row ? (row.hash as Hash) : null;
    },
    async deleteFrom(fromBlock) {
      return db.transaction(async (tx) => {
        const rowsReverted = (await rollbackProjections(tx, fromBlock)) + (await rollbackHolderEvents(tx, fromBlock));
        const audit = await tx.delete(auditLog).where(gte(auditLog.blockNumber, fromBlock)).returning({ id: auditLog.id });
        // A cursor past the rollback point now points at blocks that no longer exist: move it back.
        const rewound =
          fromBlock === 0n
            ? await tx.delete(indexerCursor).returning({ name: indexerCursor.name })
            : await tx
                .update(indexerCursor)
                .set({
                  blockNumber: fromBlock - 1n,
                  blockHash: sql`(SELECT ${blocks.hash} FROM ${blocks} WHERE ${blocks.number} = ${(fromBlock - 1n).toString()}::bigint)`,
                  updatedAt: sql`now()`,
                })
                .where(gte(indexerCursor.blockNumber, fromBlock))
                .returning({ name: indexerCursor.name });
        const removed = await tx.delete(blocks).where(gte(blocks.number, fromBlock)).returning({ number: blocks.number });
        return { rowsReverted, auditEntriesRemoved: audit.length, blocksRemoved: removed.length, cursorsRewound: rewound.length };
      });
    },
    async prune(belowBlock) {
      await db.transaction(async (tx) => {
        await tx.delete(blocks).where(lt(blocks.number, belowBlock));
        await tx.delete(projectionUndo).where(lt(projectionUndo.blockNumber, belowBlock));
      });
    },
  };
}
