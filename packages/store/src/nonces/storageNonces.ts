import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { sql } from 'drizzle-orm';
import type { Hex } from 'viem';
import { assertNonceLifetime, type NonceStore } from '@identree/sdk';
import type { LoginNonceStore } from './loginNonceStore.js';
import { generateLoginNonce } from './loginNonceStore.js';
import { batcher, type BatchOptions } from '../storage/batcher.js';
import { rows, type Database } from '../storage/database.js';
import type { Storage } from '../storage/types.js';

const newNonce = () => `0x${bytesToHex(randomBytes(32))}` as Hex;

/** Verifier challenges in the database, so any instance of the service can check any nonce. */
export function storagePresentationNonces(storage: Pick<Storage, 'nonces'>): NonceStore {
  return {
    async issue(audience, ttlSeconds) {
      const key = newNonce();
      await storage.nonces.issue({ key, audience: `presentation:${audience}`, ttlMs: ttlSeconds * 1000 });
      return key;
    },
    consume: (audience, nonce) => storage.nonces.consume({ key: nonce.toLowerCase(), audience: `presentation:${audience}` }),
  };
}

/**
 * The same nonces (same table, audiences and rules as `storage.nonces`) with issuing and
 * consuming batched into one statement each. Consuming stays atomic: one conditional DELETE (a
 * PL/pgSQL function, so its plan is kept) removes every still-unused, unexpired (key, audience)
 * pair it names, so across batches, processes and service instances a nonce is won once; within a
 * batch, a pair named twice is won by the first. A consumed nonce leaves no row behind.
 *
 * Plan notes (EXPLAIN ANALYZE of the UPDATE statement the function replaced, same predicate, 40,000
 * live nonces, PGlite and PostgreSQL 17): `expires_at + 0 s`
 * keeps the planner off the expires_at index, which it otherwise scans whole (PGlite never
 * ANALYZEs), and batches of up to ~100 stay a nested loop on the primary key (1.8 ms per 100);
 * at 500 the planner turns to a sequential scan that grows with the table.
 */
export function batchedPresentationNonces(db: Database, { maxBatch = 100, lingerMs = 5 }: Partial<BatchOptions> = {}): NonceStore {
  const issue = batcher<{ key: string; audience: string; ttlSeconds: number }, boolean>(async (items) => {
    const inserted = await rows<{ key: string }>(
      db,
      sql`INSERT INTO nonces (key, audience, expires_at)
          SELECT k, a, now() + make_interval(secs => s)
          FROM unnest(${sql.param(items.map((i) => i.key))}::text[], ${sql.param(items.map((i) => i.audience))}::text[], ${sql.param(items.map((i) => i.ttlSeconds))}::float8[]) AS t(k, a, s)
          ON CONFLICT (key) DO NOTHING RETURNING key`,
    );
    const fresh = new Set(inserted.map((r) => r.key));
    return items.map((i) => fresh.has(i.key));
  }, { maxBatch, lingerMs });

  const consume = batcher<{ key: string; audience: string }, boolean>(async (items) => {
    // consume_presentation_nonces (migration 0003) deletes the pairs it wins and returns them.
    const won = await rows<{ key: string; audience: string }>(
      db,
      sql`SELECT key, audience FROM consume_presentation_nonces(${sql.param(items.map((i) => i.key))}::text[], ${sql.param(items.map((i) => i.audience))}::text[])`,
    );
    const open = new Set(won.map((r) => `${r.key}\n${r.audience}`));
    // delete() answers true once, so of duplicates in one batch only the first wins.
    return items.map((i) => open.delete(`${i.key}\n${i.audience}`));
  }, { maxBatch, lingerMs });

  return {
    async issue(audience, ttlSeconds) {
      assertNonceLifetime(ttlSeconds);
      // 32 random bytes do not collide in practice; a conflict would only mean drawing again.
      for (;;) {
        const key = newNonce();
        if (await issue({ key, audience: `presentation:${audience}`, ttlSeconds })) return key;
      }
    },
    consume: (audience, nonce) => consume({ key: nonce.toLowerCase(), audience: `presentation:${audience}` }),
  };
}

/** Sign-in nonces in the same table, under their own audience. */
export function storageLoginNonces(storage: Pick<Storage, 'nonces'>): LoginNonceStore {
  return {
    async issue(ttlMs) {
      const nonce = generateLoginNonce();
      const issued = await storage.nonces.issue({ key: nonce, audience: 'siwe', ttlMs });
      return { nonce, expiresAt: issued.expiresAt };
    },
    consume: (nonce) => storage.nonces.consume({ key: nonce, audience: 'siwe' }),
  };
}
