import { setImmediate as nextTurn } from 'node:timers/promises';
/** Any pino-style logger (Fastify's, or console). */
export type WarnLogger = { warn(o: object, m: string): void };
import type { Storage } from '../storage/types.js';

export type NoncePruningOptions = {
  /** How often expired nonces are deleted, in ms (default one minute). */
  intervalMs?: number;
  /** Most rows one statement deletes (default 1,000). */
  batch?: number;
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
 * Keeps the nonce table to the nonces that can still be used. Consumed presentation nonces delete
 * themselves; these are the ones issued and never presented, and spent sign-in nonces.
 */
export function startNoncePruning(storage: Storage, log: WarnLogger, { intervalMs = 60_000, batch = 1_000 }: NoncePruningOptions = {}) {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= pruneExpiredNonces(storage, batch)
      .catch((err) => log.warn({ err }, 'pruning expired nonces failed; retrying at the next interval'))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
