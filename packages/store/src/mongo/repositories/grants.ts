import type { Address, Hash, Hex } from 'viem';
import type { GrantRecord, GrantsRepository } from '../../storage/holderTypes.js';
import { collection, lower, putById, type Doc, type MongoHandle } from '../mongoHandle.js';
import { recordUndo } from '../mongoUndoLog.js';
import { updatedAtOf, updatedFields } from '../eventPosition.js';
import { runJournaled } from '../mongoTransaction.js';

const fromDoc = (d: Doc): GrantRecord => ({
  holder: d.holder as Address,
  verifier: d.verifier as Address,
  uid: d.uid as Hash,
  expiresAt: d.expiresAt as number,
  revoked: d.revoked as boolean,
  attributes: d.attributes as Hex,
  updatedAt: updatedAtOf(d),
});

const keyOf = (holder: Address, verifier: Address, uid: Hash) => `${lower(holder)} ${lower(verifier)} ${lower(uid)}`;

/** Access grants by (holder identity, verifier, credential), as the indexer last saw them. */
export function mongoGrantsRepository(h: MongoHandle): GrantsRepository {
  return {
    async upsert(g) {
      const key = keyOf(g.holder, g.verifier, g.uid);
      await runJournaled(h, async (tx) => {
        await recordUndo(tx, 'access_grants', key, g.updatedAt);
        await putById(tx, 'access_grants', {
          _id: key,
          holder: lower(g.holder),
          verifier: lower(g.verifier),
          uid: lower(g.uid),
          expiresAt: g.expiresAt,
          revoked: g.revoked,
          attributes: lower(g.attributes),
          ...updatedFields(g.updatedAt),
        });
      });
    },
    async get(holder, verifier, uid) {
      const d = await collection(h, 'access_grants').findOne({ _id: keyOf(holder, verifier, uid) });
      return d ? fromDoc(d) : null;
    },
    async listByHolder(holder) {
      return (
        await collection(h, 'access_grants')
          .find({ holder: lower(holder) })
          .sort({ updatedBlock: 1, updatedLogIndex: 1 })
          .toArray()
      ).map(fromDoc);
    },
    async listByCredential(uid) {
      return (
        await collection(h, 'access_grants')
          .find({ uid: lower(uid) })
          .toArray()
      ).map(fromDoc);
    },
  };
}
