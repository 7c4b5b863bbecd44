import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { connectPostgres } from './adapters/postgres.js';
import { openStorage } from './openStorage.js';
import { describeStorage } from './storage.suite.js';
import { shareSqlStorage, sqlMigrationTests, type SqlStorageHarness } from './sqlMigrations.suite.js';

/** A server where the test may create databases (trust auth in CI); override with TEST_POSTGRES_URL. */
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const shown = (() => {
  const u = new URL(adminUrl);
  if (u.password) u.password = '***';
  return u.toString();
})();

async function connectAdmin(): Promise<pg.Client | string> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    return error instanceof Error ? error.message : String(error);
  }
}

const admin = await connectAdmin();
const skip = typeof admin === 'string' ? `PostgreSQL not reachable at ${shown}: skipped the PostgreSQL storage run (${admin})` : undefined;

const created = new Set<string>();
after(async () => {
  if (typeof admin === 'string') return;
  // Anything a failed test left behind; FORCE ends connections a leaked pool still holds.
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  await admin.end();
});

const harness: SqlStorageHarness = {
  share: shareSqlStorage,
  async fresh() {
    if (typeof admin === 'string') throw new Error(admin);
    const name = `identree_test_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    created.add(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      open: () => openStorage({ databaseUrl: url.toString() }),
      connect: () => connectPostgres(url.toString()),
      dispose: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        created.delete(name);
      },
    };
  },
};

describeStorage('PostgreSQL', harness, { skip, migrations: () => sqlMigrationTests(harness) });
