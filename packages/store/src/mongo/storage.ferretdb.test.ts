import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import type { Address, Hash } from 'viem';
import { MigrationChecksumError, MigrationFailedError } from '../storage/errors.js';
import { describeStorage } from '../storage/storage.suite.js';
import { startFerretDbForTests } from './ferretdbHarness.js';
import { MONGO_MIGRATIONS, migrateMongo } from './mongoMigrations.js';

// The shared storage suite on the MongoDB adapter, against FerretDB v1 (the MongoDB wire protocol
// over PostgreSQL), started here when its binary and a PostgreSQL are available.
const server = await startFerretDbForTests();
const skip = typeof server === 'string' ? `skipped the MongoDB storage run on FerretDB: ${server}` : undefined;
after(async () => {
  if (typeof server !== 'string') await server.stop();
});

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hash;

function mongoMigrationTests() {
  if (typeof server === 'string') return;
  const { harness, client } = server;
  const names = MONGO_MIGRATIONS.map((m) => m.name);

  it('applies every migration once, on first open, and keeps the data on reopen', async () => {
    const place = await harness.fresh();
    try {
      assert.deepEqual(await migrateMongo(client.db(place.database)), names);
      const storage = await place.open();
      await storage.entities.upsert({
        account: address(10),
        kind: 'Person',
        status: 'Active',
        registrar: address(1),
        tokenId: 10n,
        registration: { blockNumber: 5n, transactionHash: hash(5), logIndex: 0 },
      });
      await storage.close();
      const reopened = await place.open();
      assert.equal((await reopened.entities.get(address(10)))?.status, 'Active');
      await reopened.close();
      assert.deepEqual(await migrateMongo(client.db(place.database)), []);
      const recorded = await client
        .db(place.database)
        .collection('schema_migrations')
        .find()
        .sort({ _id: 1 })
        .toArray();
      assert.deepEqual(
        recorded.map((r) => r.name),
        names,
      );
    } finally {
      await place.dispose();
    }
  });

  it('creates the unique indexes that make replays and racing creates land once', async () => {
    const place = await harness.fresh();
    try {
      const db = client.db(place.database);
      await migrateMongo(db);
      const uniques = async (name: string) =>
        (await db.collection(name).indexes())
          .filter((i) => i.unique)
          .map((i) => i.name)
          .sort();
      assert.deepEqual(await uniques('outbox'), ['outbox_owner_key']);
      assert.deepEqual(await uniques('audit_log'), ['audit_log_event']);
      assert.deepEqual(await uniques('webhook_deliveries'), [
        'webhook_deliveries_delivery_id',
        'webhook_deliveries_event',
      ]);
      assert.deepEqual(await uniques('credential_deliveries'), ['credential_deliveries_holder_uid']);
    } finally {
      await place.dispose();
    }
  });

  it('refuses to start when a migration was edited after it was applied', async () => {
    const place = await harness.fresh();
    try {
      const db = client.db(place.database);
      await migrateMongo(db);
      const edited = MONGO_MIGRATIONS.map((m) =>
        m.version === 1 ? { ...m, indexes: { ...m.indexes, extra: [] } } : m,
      );
      await assert.rejects(migrateMongo(db, edited), MigrationChecksumError);
    } finally {
      await place.dispose();
    }
  });

  it('does not record a step whose index cannot be built, and applies it once fixed', async () => {
    const place = await harness.fresh();
    try {
      const db = client.db(place.database);
      await migrateMongo(db);
      const usage = db.collection<{ _id: string; owner: string; cid: string; bytes: number }>('blob_usage');
      await usage.insertMany([
        { _id: 'a', owner: 'x', cid: 'same', bytes: 1 },
        { _id: 'b', owner: 'y', cid: 'same', bytes: 2 },
      ]);
      const broken = {
        version: 99,
        name: '0099_broken',
        indexes: { blob_usage: [{ name: 'one_owner_per_blob', key: { cid: 1 }, unique: true }] },
      };
      await assert.rejects(migrateMongo(db, [...MONGO_MIGRATIONS, broken]), MigrationFailedError);
      assert.equal(await db.collection<{ _id: number }>('schema_migrations').countDocuments({ _id: 99 }), 0);
      await usage.deleteOne({ _id: 'b' });
      assert.deepEqual(await migrateMongo(db, [...MONGO_MIGRATIONS, broken]), ['0099_broken']);
    } finally {
      await place.dispose();
    }
  });
}

describeStorage(
  'MongoDB (FerretDB)',
  typeof server === 'string'
    ? { fresh: () => Promise.reject(new Error(server)), share: () => Promise.reject(new Error(server)) }
    : server.harness,
  {
    skip,
    migrations: mongoMigrationTests,
  },
);
