import type { Filter } from 'mongodb';
import type { Address } from 'viem';
import type { GuardiansRepository } from '../../storage/holderTypes.js';
import type { EventPosition } from '../../storage/types.js';
import { collection, lower, putById, remember, type Doc, type MongoHandle } from '../mongoHandle.js';
import { recordUndo } from '../mongoUndoLog.js';
import { updatedFields } from '../eventPosition.js';
import { runJournaled } from '../mongoTransaction.js';

/** Each identity's guardians, threshold and recovery nonce, as the last guardian event left them. */
export function mongoGuardiansRepository(h: MongoHandle): GuardiansRepository {
  const writeSet = async (
    tx: MongoHandle,
    identity: string,
    set: { threshold: number; nonce: number },
    at: EventPosition,
  ) => {
    await recordUndo(tx, 'guardian_sets', identity, at);
    await putById(tx, 'guardian_sets', {
      _id: identity,
      threshold: set.threshold,
      nonce: set.nonce,
      ...updatedFields(at),
    });
  };
  return {
    async add(identity, guardian, set, at) {
      const [id, g] = [lower(identity), lower(guardian)];
      await runJournaled(h, async (tx) => {
        await recordUndo(tx, 'guardians', `${id} ${g}`, at);
        await putById(tx, 'guardians', { _id: `${id} ${g}`, identity: id, guardian: g, ...updatedFields(at) });
        await writeSet(tx, id, set, at);
      });
    },
    async remove(identity, guardian, set, at) {
      const [id, g] = [lower(identity), lower(guardian)];
      await runJournaled(h, async (tx) => {
        await recordUndo(tx, 'guardians', `${id} ${g}`, at);
        await remember(tx, 'guardians', [`${id} ${g}`]);
        await collection(tx, 'guardians').deleteOne({ _id: `${id} ${g}` } as Filter<Doc>);
        await writeSet(tx, id, set, at);
      });
    },
    async setNonce(identity, nonce, at) {
      const id = lower(identity);
      await runJournaled(h, async (tx) => {
        const current = await collection(tx, 'guardian_sets').findOne({ _id: id });
        await writeSet(tx, id, { threshold: (current?.threshold as number | undefined) ?? 0, nonce }, at);
      });
    },
    async get(identity) {
      const id = lower(identity);
      const set = await collection(h, 'guardian_sets').findOne({ _id: id });
      if (!set) return null;
      const members = await collection(h, 'guardians')
        .find({ identity: id })
        .sort({ updatedBlock: 1, updatedLogIndex: 1 })
        .toArray();
      return {
        identity: id as Address,
        guardians: members.map((m) => m.guardian as Address),
        threshold: set.threshold as number,
        nonce: set.nonce as number,
      };
    },
  };
}
