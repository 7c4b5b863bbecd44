import type { Address, Hash } from 'viem';
import type { TreeLinkRecord, TreeLinksRepository } from '../../storage/types.js';
import { collection, lower, putById, type Doc, type MongoHandle } from '../mongoHandle.js';
import { recordUndo } from '../mongoUndoLog.js';
import { updatedAtOf, updatedFields } from '../eventPosition.js';
import { runJournaled } from '../mongoTransaction.js';

const fromDoc = (d: Doc): TreeLinkRecord => ({
  holder: d.holder as Address,
  uid: d.uid as Hash,
  linked: d.linked as boolean,
  updatedAt: updatedAtOf(d),
});

/** Which credentials each holder has linked into their identity tree. */
export function mongoTreeLinksRepository(h: MongoHandle): TreeLinksRepository {
  return {
    async set(link) {
      const [holder, uid] = [lower(link.holder), lower(link.uid)];
      const key = `${holder} ${uid}`;
      await runJournaled(h, async (tx) => {
        await recordUndo(tx, 'tree_links', key, link.updatedAt);
        await putById(tx, 'tree_links', {
          _id: key,
          holder,
          uid,
          linked: link.linked,
          ...updatedFields(link.updatedAt),
        });
      });
    },
    async get(holder, uid) {
      const d = await collection(h, 'tree_links').findOne({ _id: `${lower(holder)} ${lower(uid)}` });
      return d ? fromDoc(d) : null;
    },
    async listByHolder(holder) {
      return (
        await collection(h, 'tree_links')
          .find({ holder: lower(holder) })
          .sort({ updatedBlock: 1, updatedLogIndex: 1 })
          .toArray()
      ).map(fromDoc);
    },
  };
}
