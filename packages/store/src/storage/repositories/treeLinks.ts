import { and, asc, eq } from 'drizzle-orm';
import type { Address, Hash } from 'viem';
import { lower, type Database } from '../database.js';
import { treeLinks } from '../schema.js';
import type { TreeLinkRecord, TreeLinksRepository } from '../types.js';
import { recordUndo } from '../undoLog.js';

type Row = typeof treeLinks.$inferSelect;

const fromRow = (r: Row): TreeLinkRecord => ({
  holder: r.holder as Address,
  uid: r.uid as Hash,
  linked: r.linked,
  updatedAt: { blockNumber: r.updatedBlock, transactionHash: r.updatedTxHash as Hash, logIndex: r.updatedLogIndex },
});

/** Which credentials each holder has linked into their identity tree. */
export function treeLinksRepository(db: Database): TreeLinksRepository {
  return {
    async set(link) {
      const holder = lower(link.holder);
      const uid = lower(link.uid);
      const values = {
        linked: link.linked,
        updatedBlock: link.updatedAt.blockNumber,
        updatedTxHash: lower(link.updatedAt.transactionHash),
        updatedLogIndex: link.updatedAt.logIndex,
      };
      await db.transaction(async (tx) => {
        await recordUndo(tx, 'tree_links', [holder, uid], link.updatedAt);
        await tx
          .insert(treeLinks)
          .values({ holder, uid, ...values })
          .onConflictDoUpdate({ target: [treeLinks.holder, treeLinks.uid], set: values });
      });
    },
    async get(holder, uid) {
      const [row] = await db
        .select()
        .from(treeLinks)
        .where(and(eq(treeLinks.holder, lower(holder)), eq(treeLinks.uid, lower(uid))));
      return row ? fromRow(row) : null;
    },
    async listByHolder(holder) {
      const found = await db
        .select()
        .from(treeLinks)
        .where(eq(treeLinks.holder, lower(holder)))
        .orderBy(asc(treeLinks.updatedBlock), asc(treeLinks.updatedLogIndex));
      return found.map(fromRow);
    },
  };
}
