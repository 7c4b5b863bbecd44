import { connectPglite } from './adapters/pglite.js';
import { connectPostgres, type PostgresOptions } from './adapters/postgres.js';
import { bindRepositories } from './bindRepositories.js';
import { batchedServiceAccessLog } from './repositories/serviceAccess.js';
import type { Connection } from './database.js';
import { migrate } from './migrate.js';
import { StorageError } from './errors.js';
import { openMongoStorage } from '../mongo/openMongoStorage.js';
import { sql } from 'drizzle-orm';
import type { ReclaimableTable, Storage } from './types.js';
import { batchedPresentationNonces, storageLoginNonces } from '../nonces/storageNonces.js';

export type OpenStorageParameters = PostgresOptions & {
  /** PGlite keeps its files in `dataDir/pg`; without `dataDir` (and without `databaseUrl`) it runs in memory. */
  dataDir?: string;
  /** A PostgreSQL URL; when set, PGlite is not used. */
  databaseUrl?: string;
  /** A `mongodb://` URL; when set, the MongoDB adapter is used (and `databaseUrl` must not be set). */
  mongodbUrl?: string;
};

/**
 * Opens the service's storage and brings its schema up to date: MongoDB when `mongodbUrl` is
 * given, PostgreSQL when `databaseUrl` is, embedded PGlite otherwise. All run the same tests.
 *
 * @example
 * const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
 * const alice = await storage.entities.get(address)
 * await storage.close()
 */
export async function openStorage({ dataDir, databaseUrl, mongodbUrl, ...options }: OpenStorageParameters = {}): Promise<Storage> {
  if (mongodbUrl) {
    if (databaseUrl) throw new StorageError('Both DATABASE_URL and MONGODB_URL are set; choose one database.');
    return openMongoStorage({ url: mongodbUrl, maxConnections: options.maxConnections });
  }
  const connection = databaseUrl ? await connectPostgres(databaseUrl, options) : await connectPglite(dataDir);
  return createStorage(connection);
}

/**
 * The storage over an adapter's connection, after migrating it; closing the storage closes the
 * connection. `openStorage` is this plus picking the adapter.
 */
export async function createStorage(connection: Connection): Promise<Storage> {
  try {
    await migrate(connection.db);
  } catch (error) {
    await connection.close().catch(() => {});
    throw error;
  }
  const { db } = connection;
  const repositories = bindRepositories(db);
  return {
    backend: connection.backend,
    ...repositories,
    // Batched at the top level only: inside a transaction (`bindRepositories(tx)` below) each append is its own row.
    serviceAccessLog: batchedServiceAccessLog(db),
    presentationNonces: batchedPresentationNonces(db),
    loginNonces: storageLoginNonces(repositories),
    // The transaction handle is a PgTransaction, which has every method the repositories use.
    transaction: (fn) => db.transaction((tx) => fn(bindRepositories(tx as unknown as typeof db))),
    async reclaimSpace(table: ReclaimableTable, { full = false } = {}) {
      if (table !== 'nonces' && table !== 'webhook_deliveries') throw new TypeError(`not a reclaimable table: ${String(table)}`);
      await db.execute(sql.raw(`VACUUM ${full ? 'FULL ' : ''}${table}`));
    },
    close: () => connection.close(),
  };
}
