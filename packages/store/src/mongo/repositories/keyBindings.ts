import type { Address, Hash } from 'viem';
import type { KeyBindingRecord, KeyBindingsRepository, KeyChangeHow } from '../../storage/holderTypes.js';
import { collection, lower, putById, type Doc, type MongoHandle } from '../mongoHandle.js';
import { recordUndo } from '../mongoUndoLog.js';
import { updatedAtOf, updatedFields } from '../eventPosition.js';
import { runJournaled } from '../mongoTransaction.js';

const fromDoc = (d: Doc): KeyBindingRecord => ({
  identity: d._id as Address,
  key: d.key as Address,
  how: d.how as KeyChangeHow,
  updatedAt: updatedAtOf(d),
});

/** Which key controls each identity whose control moved (rotation, recovery, registrar re-bind). */
export function mongoKeyBindingsRepository(h: MongoHandle): KeyBindingsRepository {
  return {
    async set(b) {
      const identity = lower(b.identity);
      await runJournaled(h, async (tx) => {
        await recordUndo(tx, 'key_bindings', identity, b.updatedAt);
        await putById(tx, 'key_bindings', {
          _id: identity,
          key: lower(b.key),
          how: b.how,
          ...updatedFields(b.updatedAt),
        });
      });
    },
    async byIdentity(identity) {
      const d = await collection(h, 'key_bindings').findOne({ _id: lower(identity) });
      return d ? fromDoc(d) : null;
    },
    async byKey(key) {
      const d = await collection(h, 'key_bindings').findOne({ key: lower(key) });
      return d ? fromDoc(d) : null;
    },
  };
}
