import { and, asc, eq } from 'drizzle-orm';
import type { Address, Hash, Hex } from 'viem';
import { lower, type Database } from '../database.js';
import { accessGrants } from '../schemaHolders.js';
import type { GrantRecord, GrantsRepository } from '../holderTypes.js';
import { recordUndo } from '../undoLog.js';

type Row = typeof accessGrants.$inferSelect;

const fromRow = (r: Row): GrantRecord => ({
  holder: r.holder as Address,
  verifier: r.verifier as Address,
  uid: r.uid as Hash,
  expiresAt: r.expiresAt,
  revoked: r.revoked,
  attributes: r.attributes as Hex,
  updatedAt: { blockNumber: r.updatedBlock, transactionHash: r.updatedTxHash as Hash, logIndex: r.updatedLogIndex },
});

/** Access grants by (holder identity, verifier, credential), as the indexer last saw them. */
export function grantsRepository(db: Database): GrantsRepository {
  const key = (holder: Address, verifier: Address, uid: Hash) =>
    and(eq(accessGrants.holder, lower(holder)), eq(accessGrants.verifier, lower(verifier)), eq(accessGrants.uid, lower(uid)));
  return {
    async upsert(grant) {
      const [holder, verifier, uid] = [lower(grant.holder), lower(grant.verifier), lower(grant.uid)];
      const values = {
        expiresAt: grant.expiresAt,
        revoked: grant.revoked,
        attributes: lower(grant.attributes),
        updatedBlock: grant.updatedAt.blockNumber,
        updatedTxHash: lower(grant.updatedAt.transactionHash),
        updatedLogIndex: grant.updatedAt.logIndex,
      };
      await db.transaction(async (tx) => {
        await recordUndo(tx, 'access_grants', [holder, verifier, uid], grant.updatedAt);
        await tx
          .insert(accessGrants)
          .values({ holder, verifier, uid, ...values })
          .onConflictDoUpdate({ target: [accessGrants.holder, accessGrants.verifier, accessGrants.uid], set: values });
      });
    },
    async get(holder, verifier, uid) {
      const [row] = await db.select().from(accessGrants).where(key(holder, verifier, uid));
      return row ? fromRow(row) : null;
    },
    async listByHolder(holder) {
      const found = await db
        .select()
        .from(accessGrants)
        .where(eq(accessGrants.holder, lower(holder)))
        .orderBy(asc(accessGrants.updatedBlock), asc(accessGrants.updatedLogIndex));
      return found.map(fromRow);
    },
    async listByCredential(uid) {
      return (await db.select().from(accessGrants).where(eq(accessGrants.uid, lower(uid)))).map(fromRow);
    },
  };
}
