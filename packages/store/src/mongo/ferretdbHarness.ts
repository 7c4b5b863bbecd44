import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MongoClient } from 'mongodb';
import type { StorageHarness, StoragePlace } from '../storage/storage.suite.js';
import type { Storage } from '../storage/types.js';
import { ensurePostgresDatabase, ferretdbUnavailable, startFerretDb, type FerretDbNode } from './ferretdbNode.js';
import { openMongoStorage } from './openMongoStorage.js';

/** A server where the test may create databases (trust auth in CI); override with TEST_POSTGRES_URL. */
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type MongoStoragePlace = StoragePlace & { url: string; database: string };
export type FerretDbTestServer = {
  harness: StorageHarness<MongoStoragePlace>;
  /** A client on the server, for checks below the repositories (indexes, migrations). */
  client: MongoClient;
  node: FerretDbNode;
  stop(): Promise<void>;
};

async function postgresUnavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return `PostgreSQL not reachable at ${new URL(adminUrl).host} for FerretDB (${(error as Error).message}; bash tools/postgres.sh starts one)`;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * One storage on a fresh place of `server`, opened on first use, for a test file whose tests share
 * it; `close` closes it and stops the server.
 */
export function sharedMongoStorage(server: FerretDbTestServer | string) {
  let opened: Promise<{ storage: Storage; database: string }> | undefined;
  return {
    open() {
      if (typeof server === 'string') throw new Error(server);
      return (opened ??= server.harness
        .fresh()
        .then(async (place) => ({ storage: await place.open(), database: place.database })));
    },
    async close() {
      await (await opened)?.storage.close();
      if (typeof server !== 'string') await server.stop();
    },
  };
}

/**
 * Starts a FerretDB of its own on a PostgreSQL database of its own for a test file, or says why it
 * cannot (no binary, no PostgreSQL). Each fresh place is a MongoDB database of its own on it.
 */
export async function startFerretDbForTests(): Promise<FerretDbTestServer | string> {
  const missing = ferretdbUnavailable() ?? (await postgresUnavailable());
  if (missing) return missing;
  const pgDatabase = `identree_ferretdb_${randomBytes(6).toString('hex')}`;
  const stateDir = await mkdtemp(path.join(tmpdir(), 'identree-ferretdb-'));
  const node = await startFerretDb({ postgresUrl: await ensurePostgresDatabase(adminUrl, pgDatabase), stateDir });
  const client = new MongoClient(node.mongoUrl, { useBigInt64: true });
  await client.connect();
  const harness: StorageHarness<MongoStoragePlace> = {
    async fresh() {
      const database = `place_${randomBytes(4).toString('hex')}`;
      return {
        url: node.mongoUrl,
        database,
        open: () => openMongoStorage({ url: node.mongoUrl, database }),
        dispose: async () => void (await client.db(database).dropDatabase()),
      };
    },
    async share(place) {
      const storage = await place.open();
      const db = client.db(place.database);
      return {
        storage,
        async empty() {
          const names = (await db.listCollections({}, { nameOnly: true }).toArray())
            .map((c) => c.name)
            .filter((n) => n !== 'schema_migrations');
          await Promise.all(names.map((n) => db.collection(n).deleteMany({})));
        },
      };
    },
  };
  return {
    harness,
    client,
    node,
    async stop() {
      await client.close();
      await node.stop();
      await rm(stateDir, { recursive: true, force: true });
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`).finally(() => admin.end());
    },
  };
}
