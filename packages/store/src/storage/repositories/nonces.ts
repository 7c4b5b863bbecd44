import { and, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../database.js';
import { NonceAlreadyIssuedError, StorageError } from '../errors.js';
import { nonces } from '../schema.js';
import type { Json, NoncesRepository } from '../types.js';

/** Single-use challenges; consuming one is a single conditional UPDATE, so two racing consumers cannot both win. */
export function noncesRepository(db: Database): NoncesRepository {
  return {
    async issue({ key, audience, ttlMs, payload }) {
      if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new StorageError(`Nonce lifetime must be a positive number of milliseconds, got ${ttlMs}.`);
      const [row] = await db
        .insert(nonces)
        .values({ key, audience, expiresAt: sql`now() + make_interval(secs => ${ttlMs / 1000})`, payload: (payload ?? null) as never })
        .onConflictDoNothing({ target: nonces.key })
        .returning();
      if (!row) throw new NonceAlreadyIssuedError(key);
      return { key: row.key, audience: row.audience, expiresAt: row.expiresAt };
    },
    async consume({ key, audience }) {
      const won = await db
        .update(nonces)
        .set({ consumedAt: sql`now()` })
        .where(and(eq(nonces.key, key), eq(nonces.audience, audience), isNull(nonces.consumedAt), gt(nonces.expiresAt, sql`now()`)))
        .returning({ key: nonces.key });
      return won.length === 1;
    },
    async take({ key, audience }) {
      // The same single conditional UPDATE as consume, returning what the nonce carried.
      const [won] = await db
        .update(nonces)
        .set({ consumedAt: sql`now()` })
        .where(and(eq(nonces.key, key), eq(nonces.audience, audience), isNull(nonces.consumedAt), gt(nonces.expiresAt, sql`now()`)))
        .returning({ payload: nonces.payload });
      return won ? { payload: (won.payload ?? null) as Json | null } : null;
    },
    async pruneExpired({ limit }: { limit?: number } = {}) {
      if (limit === undefined) return (await db.delete(nonces).where(lt(nonces.expiresAt, sql`now()`)).returning({ key: nonces.key })).length;
      if (!Number.isSafeInteger(limit) || limit <= 0) throw new StorageError(`Prune limit must be a positive integer, got ${limit}.`);
      // Bounded, so that on PGlite, which runs on the HTTP thread, one call never blocks for long.
      const expired = db.select({ key: nonces.key }).from(nonces).where(lt(nonces.expiresAt, sql`now()`)).limit(limit);
      return (await db.delete(nonces).where(inArray(nonces.key, expired)).returning({ key: nonces.key })).length;
    },
  };
}
