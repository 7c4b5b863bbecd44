import { eq } from 'drizzle-orm';
import type { Address, Hash } from 'viem';
import { lower, type Database } from '../database.js';
import { keyBindings } from '../schemaHolders.js';
import type { KeyBindingRecord, KeyBindingsRepository, KeyChangeHow } from '../holderTypes.js';
import { recordUndo } from '../undoLog.js';

type Row = typeof keyBindings.$inferSelect;

const fromRow = (r: Row): KeyBindingRecord => ({
  identity: r.identity as Address,
  key: r.key as Address,
  how: r.how as KeyChangeHow,
  updatedAt: { blockNumber: r.updatedBlock, transactionHash: r.updatedTxHash as Hash, logIndex: r.updatedLogIndex },
});

/** Which key controls each identity whose control moved (rotation, recovery, registrar re-bind). */
export function keyBindingsRepository(db: Database): KeyBindingsRepository {
  return {
    async set(binding) {
      const identity = lower(binding.identity);
      const values = {
        key: lower(binding.key),
        how: binding.how,
        updatedBlock: binding.updatedAt.blockNumber,
        updatedTxHash: lower(binding.updatedAt.transactionHash),
        updatedLogIndex: binding.updatedAt.logIndex,
      };
      await db.transaction(async (tx) => {
        await recordUndo(tx, 'key_bindings', [identity], binding.updatedAt);
        await tx.insert(keyBindings).values({ identity, ...values }).onConflictDoUpdate({ target: keyBindings.identity, set: values });
      });
    },
    async byIdentity(identity) {
      const [row] = await db.select().from(keyBindings).where(eq(keyBindings.identity, lower(identity)));
      return row ? fromRow(row) : null;
    },
    async byKey(key) {
      const [row] = await db.select().from(keyBindings).where(eq(keyBindings.key, lower(key)));
      return row ? fromRow(row) : null;
    },
  };
}
