import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Address, Hash } from 'viem';
import { rows, type Connection } from './database.js';
import { MigrationChecksumError, MigrationFailedError } from './errors.js';
import { loadMigrations, migrate } from './migrate.js';
import { createStorage } from './openStorage.js';
import { schema } from './schema.js';
import type { EntityRecord, EventPosition } from './types.js';
import type { SharedStorage, StorageHarness, StoragePlace } from './storage.suite.js';

/** A place of a SQL adapter (PGlite, PostgreSQL): it also hands out its raw connection, for checks below the repositories. */
export type SqlStoragePlace = StoragePlace & { connect(): Promise<Connection> };
export type SqlStorageHarness = StorageHarness<SqlStoragePlace>;

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hash;
const at = (blockNumber: number, logIndex = 0): EventPosition => ({ blockNumber: BigInt(blockNumber), transactionHash: hash(1000 + blockNumber), logIndex });
const entity = (n: number, block: number): EntityRecord => ({
  account: address(n), kind: 'Person', status: 'Active', registrar: address(1), tokenId: BigInt(address(n)), registration: at(block, n),
});

const tables = () =>
  Object.values(schema)
    .filter((t): t is Extract<(typeof schema)[keyof typeof schema], PgTable> => t instanceof PgTable)
    .map((t) => getTableConfig(t).name);

/** The shared storage of the SQL adapters: one connection, its tables truncated before each test. */
export async function shareSqlStorage(place: SqlStoragePlace): Promise<SharedStorage> {
  const connection = await place.connect();
  const storage = await createStorage(connection);
  return { storage, empty: async () => void (await connection.db.execute(sql.raw(`TRUNCATE ${tables().join(', ')} RESTART IDENTITY`))) };
}

/** The numbered SQL migrations' behaviour, run by the PGlite and PostgreSQL storage tests under "migrations". */
export function sqlMigrationTests(harness: SqlStorageHarness) {
  it('applies every migration once, on first open, and keeps the data on reopen', async () => {
    const place = await harness.fresh();
    try {
      const files = (await loadMigrations()).map((m) => m.file);
      const first = await place.connect();
      assert.deepEqual(await migrate(first.db), files);
      await first.close();
      const storage = await place.open();
      await storage.entities.upsert(entity(10, 5));
      await storage.close();
      const reopened = await place.open();
      assert.equal((await reopened.entities.get(address(10)))?.status, 'Active');
      await reopened.close();
      const last = await place.connect();
      try {
        assert.deepEqual(await migrate(last.db), []);
        const recorded = await rows<{ file: string }>(last.db, sql`SELECT file FROM schema_migrations ORDER BY version`);
        assert.deepEqual(
          recorded.map((r) => r.file),
          files,
        );
      } finally {
        await last.close();
      }
    } finally {
      await place.dispose();
    }
  });

  it('keeps the outbox rows of a database created before keys were per owner', async () => {
    const place = await harness.fresh();
    const connection = await place.connect();
    try {
      const migrations = await loadMigrations();
      const perOwner = migrations.findIndex((m) => m.file.startsWith('0004_'));
      assert.ok(perOwner > 0, 'the per-owner key migration is 0004');
      await migrate(connection.db, migrations.slice(0, perOwner));
      await connection.db.execute(
        sql`INSERT INTO outbox (idempotency_key, owner, request_hash, tx_request) VALUES ('old-key', ${address(90).toLowerCase()}, ${hash(90)}, '{}'::jsonb)`,
      );
      assert.deepEqual(await migrate(connection.db, migrations), migrations.slice(perOwner).map((m) => m.file));
      const storage = await createStorage(connection);
      const kept = await storage.outbox.create({ idempotencyKey: 'old-key', owner: address(90), requestHash: hash(90), txRequest: {} });
      assert.equal(kept.created, false);
      const other = await storage.outbox.create({ idempotencyKey: 'old-key', owner: address(91), requestHash: hash(91), txRequest: {} });
      assert.equal(other.created, true);
    } finally {
      await connection.close();
      await place.dispose();
    }
  });

  describe('on one migrated database', () => {
    let place: SqlStoragePlace;
    let connection: Connection;
    before(async () => {
      place = await harness.fresh();
      connection = await place.connect();
      await migrate(connection.db);
    });
    after(async () => {
      await connection?.close();
      await place?.dispose();
    });

    it('creates exactly the columns, types and nullability the Drizzle schema declares', async () => {
      const normalize = (type: string) => type.replace(/\s*,\s*/g, ',').replace(/^bigserial$/, 'bigint').replace(/^serial$/, 'integer');
      const declared = Object.values(schema)
        .filter((t): t is Extract<(typeof schema)[keyof typeof schema], PgTable> => t instanceof PgTable)
        .flatMap((table) => {
          const config = getTableConfig(table);
          return config.columns.map((c) => `${config.name}.${c.name} ${normalize(c.getSQLType())}${c.notNull ? ' not null' : ''}`);
        })
        .sort();
      const actual = (
        await rows<{ table_name: string; column_name: string; type: string; not_null: boolean }>(
          connection.db,
          sql`SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> 'schema_migrations'`,
        )
      )
        .map((r) => `${r.table_name}.${r.column_name} ${normalize(r.type)}${r.not_null ? ' not null' : ''}`)
        .sort();
      assert.deepEqual(actual, declared);
    });

    it('refuses to start when a migration was edited after it was applied', async () => {
      const edited = (await loadMigrations()).map((m) => (m.version === 1 ? { ...m, checksum: 'edited' } : m));
      await assert.rejects(migrate(connection.db, edited), MigrationChecksumError);
    });

    it('applies nothing of a migration that fails halfway', async () => {
      const migrations = await loadMigrations();
      const broken = { version: migrations.length + 1, file: 'broken.sql', checksum: 'x', statements: ['CREATE TABLE half_done (a integer)', 'SELECT * FROM no_such_table'] };
      await assert.rejects(migrate(connection.db, [...migrations, broken]), MigrationFailedError);
      const [{ name }] = await rows<{ name: string | null }>(connection.db, sql`SELECT to_regclass('half_done')::text AS name`);
      assert.equal(name, null);
      const versions = await rows<{ version: number }>(connection.db, sql`SELECT version FROM schema_migrations ORDER BY version`);
      assert.deepEqual(versions.map((v) => Number(v.version)), migrations.map((m) => m.version));
    });
  });
}
