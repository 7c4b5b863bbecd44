import { and, asc, eq } from 'drizzle-orm';
import type { Address } from 'viem';
import { lower, type Database } from '../database.js';
import { guardianSets, guardians } from '../schemaHolders.js';
import type { GuardiansRepository } from '../holderTypes.js';
import type { EventPosition } from '../types.js';
import { recordUndo } from '../undoLog.js';

/** Each identity's guardians, threshold and recovery nonce, as the last guardian event left them. */
export function guardiansRepository(db: Database): GuardiansRepository {
  const position = (at: EventPosition) => ({ updatedBlock: at.blockNumber, updatedTxHash: lower(at.transactionHash), updatedLogIndex: at.logIndex });
  const writeSet = async (tx: Database, identity: string, set: { threshold: number; nonce: number }, at: EventPosition) => {
    await recordUndo(tx, 'guardian_sets', [identity], at);
    const values = { threshold: set.threshold, nonce: set.nonce, ...position(at) };
    await tx.insert(guardianSets).values({ identity, ...values }).onConflictDoUpdate({ target: guardianSets.identity, set: values });
  };
  return {
    async add(identity, guardian, set, at) {
      const [id, g] = [lower(identity), lower(guardian)];
      await db.transaction(async (tx) => {
        await recordUndo(tx, 'guardians', [id, g], at);
        await tx.insert(guardians).values({ identity: id, guardian: g, ...position(at) }).onConflictDoUpdate({ target: [guardians.identity, guardians.guardian], set: position(at) });
        await writeSet(tx as unknown as Database, id, set, at);
      });
    },
    async remove(identity, guardian, set, at) {
      const [id, g] = [lower(identity), lower(guardian)];
      await db.transaction(async (tx) => {
        await recordUndo(tx, 'guardians', [id, g], at);
        await tx.delete(guardians).where(and(eq(guardians.identity, id), eq(guardians.guardian, g)));
        await writeSet(tx as unknown as Database, id, set, at);
      });
    },
    async setNonce(identity, nonce, at) {
      const id = lower(identity);
      await db.transaction(async (tx) => {
        const [current] = await tx.select().from(guardianSets).where(eq(guardianSets.identity, id));
        await writeSet(tx as unknown as Database, id, { threshold: current?.threshold ?? 0, nonce }, at);
      });
    },
    async get(identity) {
      const id = lower(identity);
      const [set] = await db.select().from(guardianSets).where(eq(guardianSets.identity, id));
      if (!set) return null;
      const members = await db.select({ guardian: guardians.guardian }).from(guardians).where(eq(guardians.identity, id)).orderBy(asc(guardians.updatedBlock), asc(guardians.updatedLogIndex));
      return { identity: id as Address, guardians: members.map((m) => m.guardian as Address), threshold: set.threshold, nonce: set.nonce };
    },
  };
}
