import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectPglite } from '../storage/adapters/pglite.js';
import { connectPostgres } from '../storage/adapters/postgres.js';
import type { Connection } from '../storage/database.js';
import { createStorage } from '../storage/openStorage.js';
import { batchedPresentationNonces } from './storageNonces.js';
import { loginNonceStoreBehaves } from './loginNonceStore.behavior.js';
import { pruneAndReclaim } from './noncePruning.js';
import { rows } from '../storage/database.js';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
admin.on('error', () => {});
const postgresDown = await admin.connect().then(() => undefined, (e: Error) => `PostgreSQL not reachable: ${e.message}`);
const dropped: string[] = [];
after(async () => {
  if (postgresDown) return;
  for (const name of dropped) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  await admin.end();
});

const backends: [string, () => Promise<Connection>, string | undefined][] = [
  ['PGlite', () => connectPglite(), undefined],
  ['PostgreSQL', async () => {
    const name = `identree_nonces_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    dropped.push(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return connectPostgres(url.toString());
  }, postgresDown],
];

for (const [backend, connect, skip] of backends) {
  // The sign-in nonces production uses (`storage.loginNonces`) keep the same contract as the memory store.
  describe(`sign-in nonces in storage (${backend})`, { skip }, () => {
    let storage: Promise<Awaited<ReturnType<typeof createStorage>>> | undefined;
    after(async () => (await storage)?.close());
    loginNonceStoreBehaves(async () => (await (storage ??= connect().then(createStorage))).loginNonces);
  });

  describe(`batched presentation nonces (${backend})`, { skip }, () => {
    // One database per backend (PGlite boots in seconds); every test uses its own nonces.
    let opened: Promise<{ connection: Connection; storage: Awaited<ReturnType<typeof createStorage>>; nonces: ReturnType<typeof batchedPresentationNonces> }> | undefined;
    const open = () =>
      (opened ??= connect().then(async (connection) => ({ connection, storage: await createStorage(connection), nonces: batchedPresentationNonces(connection.db, { maxBatch: 8 }) })));
    after(async () => (await opened)?.storage.close());

    it('issues distinct nonces and lets each be consumed once, in batches larger and smaller than one statement', async () => {
      const { connection, nonces } = await open();
      const issued = await Promise.all(Array.from({ length: 30 }, () => nonces.issue('https://a.example', 60)));
      assert.equal(new Set(issued).size, 30);
      // Every nonce named three times in the same turn: spread over several statements, one win each.
      const results = await Promise.all([...issued, ...issued, ...issued].map((n) => nonces.consume('https://a.example', n)));
      assert.equal(results.filter(Boolean).length, 30);
      assert.deepEqual(await Promise.all(issued.map((n) => nonces.consume('https://a.example', n))), issued.map(() => false));
      // Consuming deletes: a spent nonce leaves no row for the table to grow by.
      const left = await rows<{ n: number }>(connection.db, sql`SELECT count(*)::int AS n FROM nonces WHERE key = ANY(${sql.param(issued)}::text[])`);
      assert.equal(left[0]!.n, 0);
    });

    it('does not let another audience use or burn a nonce, and accepts it in upper case', async () => {
      const { nonces } = await open();
      const nonce = await nonces.issue('https://a.example', 60);
      assert.equal(await nonces.consume('https://b.example', nonce), false);
      assert.equal(await nonces.consume('https://a.example', nonce.toUpperCase().replace('0X', '0x') as `0x${string}`), true);
      assert.equal(await nonces.consume('https://a.example', `0x${'00'.repeat(32)}`), false);
    });

    // Issue 23 §3: one NUL byte (which PostgreSQL refuses in text) failed every call in its batch.
    it('isolates the items of a batch: hostile calls mixed among honest ones fail alone, every honest one succeeds', async () => {
      const { nonces } = await open();
      const hostileAudience = fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`);
      const slot = fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hostileAudience });
      await fc.assert(
        fc.asyncProperty(fc.array(slot, { minLength: 1, maxLength: 30 }), async (slots) => {
          const audience = 'https://honest.example';
          // Issued in one turn, so they share batches (maxBatch 8) with the hostile ones.
          const issued = await Promise.allSettled(slots.map((s) => nonces.issue(s ?? audience, 60)));
          slots.forEach((s, i) => assert.equal(issued[i]!.status, s === null ? 'fulfilled' : 'rejected', `slot ${i}`));
          const honest = issued.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
          // Consumed in one turn too, each honest nonce beside a hostile consumption.
          const consumed = await Promise.allSettled(honest.flatMap((n, i) => [nonces.consume(audience, n), nonces.consume(`\u0000${i}`, n)]));
          honest.forEach((_, i) => {
            assert.deepEqual(consumed[2 * i], { status: 'fulfilled', value: true }, `honest consumption ${i}`);
            assert.notDeepEqual(consumed[2 * i + 1], { status: 'fulfilled', value: true }, `hostile consumption ${i}`);
          });
        }),
        { numRuns: 15 },
      );
    });

    // Issue 23 §4: after a flood of nonces expired and was pruned, PGlite's files kept their size.
    it('gives the space of a large prune back, and keeps live nonces usable', async () => {
      const { connection, storage, nonces } = await open();
      const size = async () => Number((await rows<{ n: string }>(connection.db, sql`SELECT pg_total_relation_size('nonces') AS n`))[0]!.n);
      await rows(connection.db, sql`INSERT INTO nonces (key, audience, expires_at) SELECT 'flood-' || g, 'presentation:x', now() - interval '1 s' FROM generate_series(1, 20000) g`);
      const live = await nonces.issue('https://a.example', 60);
      const flooded = await size();
      assert.ok((await pruneAndReclaim(storage, { batch: 5_000, fullVacuumAfter: 10_000 })) >= 20_000);
      const reclaimed = await size();
      assert.ok(reclaimed < flooded / 10, `the table took ${flooded} bytes flooded and ${reclaimed} after pruning`);
      assert.equal(await nonces.consume('https://a.example', live), true);
    });

    it('refuses an expired nonce and shares the table with the per-call store', async () => {
      const { storage, nonces } = await open();
      const nonce = await nonces.issue('https://a.example', 0.05);
      await new Promise((r) => setTimeout(r, 120));
      assert.equal(await nonces.consume('https://a.example', nonce), false);
      const fresh = await nonces.issue('https://a.example', 60);
      assert.equal(await storage.nonces.consume({ key: fresh, audience: 'presentation:https://a.example' }), true);
      assert.equal(await nonces.consume('https://a.example', fresh), false);
    });
  });
}
