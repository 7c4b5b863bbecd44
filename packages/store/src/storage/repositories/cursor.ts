import { eq, sql } from 'drizzle-orm';
import type { Hash } from 'viem';
import { lower, type Database } from '../database.js';
import { indexerCursor } from '../schema.js';
import type { CursorRepository } from '../types.js';

/** How far each named indexer has read. */
export function cursorRepository(db: Database): CursorRepository {
  return {
    async get(name) {
      const [row] = await db.select().from(indexerCursor).where(eq(indexerCursor.name, name));
      return row ? { blockNumber: row.blockNumber, blockHash: row.blockHash as Hash | null } : null;
    },
    async set(name, { blockNumber, blockHash }) {
      const values = { blockNumber, blockHash: blockHash === null ? null : lower(blockHash), updatedAt: sql`now()` };
      await db
        .insert(indexerCursor)
        .values({ name, ...values })
        .onConflictDoUpdate({ target: indexerCursor.name, set: values });
    },
  };
}
