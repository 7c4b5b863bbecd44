import { setImmediate as nextTurn } from 'node:timers/promises';
/** Any pino-style logger (Fastify's, or console). */
export type WarnLogger = { warn(o: object, m: string): void };
import type { Storage } from '../storage/types.js';

export type NoncePruningOptions = {
  /** How often expired nonces are deleted, in ms (default one minute). */
  intervalMs?: number;
  /** Most rows one statement deletes (default 1,000). */
  batch?: number;
  /** A prune that deleted at least this many rows is followed by VACUUM FULL, not VACUUM (default 10,000). */
  fullVacuumAfter?: number;
};

/**
 * Deletes every expired nonce, `batch` rows per statement with a turn of the event loop between
 * statements, so that on PGlite (which runs on the HTTP thread) requests keep being served while a
 * backlog is cleared. Returns how many were deleted.
 */
export async function pruneExpiredNonces(storage: Storage, batch = 1_000): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await storage.nonces.pruneExpired({ limit: batch });
    total += deleted;
    if (deleted < batch) return total;
    await nextTurn();
  }
}

/**
 * Prunes, then gives the space back (issue 23 §4: PGlite's files never shrank after a flood of
 * nonces expired): VACUUM after any prune, so the table reuses the space; VACUUM FULL after a large
 * one, so the files shrink, a short lock on a table that is by then small. Returns rows deleted.
 */
export async function pruneAndReclaim(storage: Storage, { batch = 1_000, fullVacuumAfter = 10_000 } = {}): Promise<number> {
  const deleted = await pruneExpiredNonces(storage, batch);
  if (deleted > 0) await storage.reclaimSpace('nonces', { full: deleted >= fullVacuumAfter });
  return deleted;
}

/**
 * Keeps the nonce table to the nonces that can still be used. Consumed presentation nonces delete
 * themselves; these are the ones issued and never presented, and spent sign-in nonces.
 */
export function startNoncePruning(storage: Storage, log: WarnLogger, { intervalMs = 60_000, batch = 1_000, fullVacuumAfter = 10_000 }: NoncePruningOptions = {}) {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= pruneAndReclaim(storage, { batch, fullVacuumAfter })
      .catch((err) => log.warn({ err }, 'pruning expired nonces failed; retrying at the next interval'))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
