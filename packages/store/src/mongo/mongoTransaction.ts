import type { Filter } from 'mongodb';
import { StorageError } from '../storage/errors.js';
import { collection, type Doc, type Journal, type MongoHandle } from './mongoHandle.js';

/** A failed transaction could not be fully put back (the server went away while undoing it). */
export class MongoRollbackError extends StorageError {
  override name = 'MongoRollbackError';
}

/**
 * Runs `fn` so that, if it throws, every document it wrote is put back to its value before
 * (`storage.transaction` on MongoDB). Nested calls join the outer one.
 *
 * What this promises, and what it does not: FerretDB v1 has no multi-document transactions, so
 * this is an undo journal kept in memory, not a database transaction.
 * - Atomic against errors: a transaction that throws leaves nothing behind (each write first
 *   records the document's previous value; they are written back in reverse order).
 * - Not isolated: other readers see its writes as they happen, before it ends.
 * - Not atomic against a crash: a process that dies inside leaves the writes made so far. The
 *   indexer, the one writer of multi-document transactions, copes: its writes are idempotent
 *   (upserts keyed by event, undo entries keyed by event) and it writes its cursor last, so after a
 *   restart it reads the same blocks again and writes the same documents.
 * - A concurrent writer of the same document between the write and the undo loses its write.
 */
export async function runJournaled<T>(h: MongoHandle, fn: (h: MongoHandle) => Promise<T>): Promise<T> {
  if (h.journal) return fn(h);
  const journal: Journal = { entries: [], seen: new Set() };
  try {
    return await fn({ db: h.db, journal });
  } catch (error) {
    await undo(h, journal).catch((undoError: unknown) => {
      throw new MongoRollbackError('A failed transaction was only partly undone.', {
        details: `${journal.entries.length} documents to restore; the undo stopped at: ${(undoError as Error).message}`,
        cause: error,
      });
    });
    throw error;
  }
}

async function undo(h: MongoHandle, journal: Journal): Promise<void> {
  for (const { collection: name, id, previous } of [...journal.entries].reverse()) {
    const c = collection(h, name);
    if (previous) await c.replaceOne({ _id: id } as Filter<Doc>, previous, { upsert: true });
    else await c.deleteOne({ _id: id } as Filter<Doc>);
  }
}
