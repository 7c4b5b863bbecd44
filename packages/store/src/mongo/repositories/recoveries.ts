import type { Address, Hash } from 'viem';
import type { RecoveriesRepository, RecoveryRecord, RecoveryStatus } from '../../storage/holderTypes.js';
import { collection, lower, putById, type Doc, type MongoHandle } from '../mongoHandle.js';
import { recordUndo } from '../mongoUndoLog.js';
import { updatedAtOf, updatedFields } from '../eventPosition.js';
import { runJournaled } from '../mongoTransaction.js';

const fromDoc = (d: Doc): RecoveryRecord => ({
  recoveryId: d._id as Hash,
  identity: d.identity as Address,
  newKey: d.newKey as Address,
  approvals: d.approvals as Address[],
  readyAt: d.readyAt as number,
  status: d.status as RecoveryStatus,
  updatedAt: updatedAtOf(d),
});

/** Guardian recoveries by id, as the indexer last saw them. */
export function mongoRecoveriesRepository(h: MongoHandle): RecoveriesRepository {
  return {
    async upsert(r) {
      const recoveryId = lower(r.recoveryId);
      await runJournaled(h, async (tx) => {
        await recordUndo(tx, 'recoveries', recoveryId, r.updatedAt);
        await putById(tx, 'recoveries', {
          _id: recoveryId,
          identity: lower(r.identity),
          newKey: lower(r.newKey),
          approvals: r.approvals.map(lower),
          readyAt: r.readyAt,
          status: r.status,
          ...updatedFields(r.updatedAt),
        });
      });
    },
    async get(recoveryId) {
      const d = await collection(h, 'recoveries').findOne({ _id: lower(recoveryId) });
      return d ? fromDoc(d) : null;
    },
    async listByIdentity(identity) {
      return (
        await collection(h, 'recoveries')
          .find({ identity: lower(identity) })
          .sort({ updatedBlock: 1, updatedLogIndex: 1 })
          .toArray()
      ).map(fromDoc);
    },
  };
}
