import { MongoClient, type Db } from 'mongodb';
import { StorageError } from '../storage/errors.js';
import type { ReclaimableTable, Storage } from '../storage/types.js';
import { storageLoginNonces, storagePresentationNonces } from '../nonces/storageNonces.js';
import { bindMongoRepositories } from './bindMongoRepositories.js';
import { migrateMongo } from './mongoMigrations.js';
import { runJournaled } from './mongoTransaction.js';

export type OpenMongoStorageParameters = {
  /** A `mongodb://` URL; the database is its path (default `identree`). */
  url: string;
  /** Overrides the database named in the URL (tests use one per run). */
  database?: string;
  /** Pool size (default 10, as for PostgreSQL). */
  maxConnections?: number;
};

/** The MongoDB server did not answer, or refused the connection. */
export class MongoConnectError extends StorageError {
  override name = 'MongoConnectError';
}

/** The database a `mongodb://` URL names, or `identree`. */
export function mongoDatabaseName(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]*)/.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : 'identree';
}

/**
 * The service's storage on MongoDB (the wire protocol: tested on FerretDB v1.24.2 over PostgreSQL,
 * not on a MongoDB server), behind the same ports as PGlite and PostgreSQL. Creates the
 * collections and indexes on open (numbered steps, `mongoMigrations.ts`). Transactions are an undo
 * journal, not a database transaction: see `runJournaled` for what that promises.
 *
 * @example
 * const storage = await openMongoStorage({ url: 'mongodb://127.0.0.1:27017/identree' })
 */
export async function openMongoStorage({
  url,
  database,
  maxConnections = 10,
}: OpenMongoStorageParameters): Promise<Storage> {
  // useBigInt64: block numbers are int64 in the documents and bigint in the records.
  const client = new MongoClient(url, {
    useBigInt64: true,
    maxPoolSize: maxConnections,
    serverSelectionTimeoutMS: 5_000,
    appName: 'identree',
  });
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => {});
    throw new MongoConnectError(`MongoDB did not answer at ${redact(url)}.`, {
      details: (error as Error).message,
      cause: error,
    });
  }
  const db = client.db(database ?? mongoDatabaseName(url));
  try {
    await migrateMongo(db);
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  return createMongoStorage(db, () => client.close());
}

/** The storage over an open, migrated database; `close` is how to let the client go. */
export function createMongoStorage(db: Db, close: () => Promise<void>): Storage {
  const h = { db };
  const repositories = bindMongoRepositories(h);
  return {
    backend: 'mongodb',
    ...repositories,
    // One call, one operation: no batching (PGlite's fixed per-statement cost is what batching pays off).
    presentationNonces: storagePresentationNonces(repositories),
    loginNonces: storageLoginNonces(repositories),
    transaction: (fn) => runJournaled(h, (tx) => fn(bindMongoRepositories(tx))),
    async reclaimSpace(table: ReclaimableTable, { full = false } = {}) {
      if (table !== 'nonces' && table !== 'webhook_deliveries')
        throw new TypeError(`not a reclaimable table: ${String(table)}`);
      // FerretDB runs VACUUM (FULL with force) for `compact`; MongoDB releases free blocks.
      await db.command({ compact: table, ...(full ? { force: true } : {}) });
    },
    close,
  };
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');
