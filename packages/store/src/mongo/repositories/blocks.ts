import type { Filter } from 'mongodb';
import type { Hash } from 'viem';
import type { BlocksRepository } from '../../storage/types.js';
import {
  collection,
  deleteMatching,
  lower,
  putById,
  rememberMatching,
  type Doc,
  type MongoHandle,
} from '../mongoHandle.js';
import { rollbackProjections } from '../mongoUndoLog.js';
import { runJournaled } from '../mongoTransaction.js';

/** Recent block hashes (keyed by block number), and the reorg rollback that uses them. */
export function mongoBlocksRepository(h: MongoHandle): BlocksRepository {
  return {
    async record(blockNumber, hash) {
      await putById(h, 'blocks', { _id: blockNumber, hash: lower(hash) });
    },
    async hashAt(blockNumber) {
      const d = await collection(h, 'blocks').findOne({ _id: blockNumber });
      return d ? (d.hash as Hash) : null;
    },
    async deleteFrom(fromBlock) {
      return runJournaled(h, async (tx) => {
        const rowsReverted = (await rollbackProjections(tx, fromBlock)) + (await rollbackHolderEvents(tx, fromBlock));
        const auditEntriesRemoved = await deleteMatching(tx, 'audit_log', { blockNumber: { $gte: fromBlock } });
        // A cursor past the rollback point now points at blocks that no longer exist: move it back.
        let cursorsRewound: number;
        if (fromBlock === 0n) {
          cursorsRewound = await deleteMatching(tx, 'indexer_cursor', {});
        } else {
          const before = await collection(tx, 'blocks').findOne({ _id: fromBlock - 1n });
          const names = await rememberMatching(tx, 'indexer_cursor', { blockNumber: { $gte: fromBlock } });
          if (names.length > 0) {
            await collection(tx, 'indexer_cursor').updateMany({ _id: { $in: names } } as Filter<Doc>, {
              $set: {
                blockNumber: fromBlock - 1n,
                blockHash: (before?.hash as string | undefined) ?? null,
                updatedAt: new Date(),
              },
            });
          }
          cursorsRewound = names.length;
        }
        const blocksRemoved = await deleteMatching(tx, 'blocks', { _id: { $gte: fromBlock } });
        return { rowsReverted, auditEntriesRemoved, blocksRemoved, cursorsRewound };
      });
    },
    async prune(belowBlock) {
      await runJournaled(h, async (tx) => {
        await deleteMatching(tx, 'blocks', { _id: { $lt: belowBlock } });
        await deleteMatching(tx, 'projection_undo', { blockNumber: { $lt: belowBlock } });
      });
    },
  };
}

/**
 * The holder documents a reorg rolls back beyond the undo log: access-log events from the block on
 * are deleted, and webhook deliveries queued for those blocks are dropped unless already delivered.
 */
async function rollbackHolderEvents(h: MongoHandle, fromBlock: bigint): Promise<number> {
  const log = await deleteMatching(h, 'access_log', { blockNumber: { $gte: fromBlock } });
  const deliveries = await deleteMatching(h, 'webhook_deliveries', {
    blockNumber: { $gte: fromBlock },
    status: 'pending',
  });
  return log + deliveries;
}
