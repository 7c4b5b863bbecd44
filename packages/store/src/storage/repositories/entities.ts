import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Address, Hash } from 'viem';
import { lower, type Database } from '../database.js';
import { entities } from '../schema.js';
import type { EntitiesRepository, EntityRecord } from '../types.js';
import { recordUndo } from '../undoLog.js';

type Row = typeof entities.$inferSelect;

const toRow = (e: EntityRecord): Row => ({
  account: lower(e.account),
  kind: e.kind,
  status: e.status,
  registrar: lower(e.registrar),
  tokenId: e.tokenId,
  registeredBlock: e.registration.blockNumber,
  txHash: lower(e.registration.transactionHash),
  logIndex: e.registration.logIndex,
});

const fromRow = (r: Row): EntityRecord => ({
  account: r.account as Address,
  kind: r.kind as EntityRecord['kind'],
  status: r.status as EntityRecord['status'],
  registrar: r.registrar as Address,
  tokenId: r.tokenId,
  registration: { blockNumber: r.registeredBlock, transactionHash: r.txHash as Hash, logIndex: r.logIndex },
});

/** Registered accounts, as the indexer last saw them. */
export function entitiesRepository(db: Database): EntitiesRepository {
  return {
    async upsert(entity, at = entity.registration) {
      const { account, ...rest } = toRow(entity);
      await db.transaction(async (tx) => {
        await recordUndo(tx, 'entities', [account], at);
        await tx.insert(entities).values({ account, ...rest }).onConflictDoUpdate({ target: entities.account, set: rest });
      });
    },
    async get(account) {
      const [row] = await db.select().from(entities).where(eq(entities.account, lower(account)));
      return row ? fromRow(row) : null;
    },
    async listByRegistrars(registrars, { limit = 100 } = {}) {
      if (registrars.length === 0) return [];
      const found = await db
        .select()
        .from(entities)
        .where(and(inArray(entities.registrar, registrars.map(lower)), ne(entities.account, entities.registrar)))
        .orderBy(asc(entities.registrar), asc(entities.registeredBlock), asc(entities.logIndex))
        .limit(limit);
      return found.map(fromRow);
    },
  };
}
