import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Address, Hash } from 'viem';
import { NonceAlreadyIssuedError, StorageError } from './errors.js';
import type { CredentialRecord, EntityRecord, EventPosition, Storage } from './types.js';
import { holderStorageTests } from './holderStorage.suite.js';
import { deliveryStorageTests } from './deliveryStorage.suite.js';
import { statusEntriesStorageTests } from './statusEntriesStorage.suite.js';
import { blobUsageStorageTests } from './blobUsageStorage.suite.js';
import { serviceAccessStorageTests } from './serviceAccessStorage.suite.js';
import { loginFailuresStorageTests } from './loginFailuresStorage.suite.js';
import { enrollmentSubmissionsStorageTests } from './enrollmentSubmissionsStorage.suite.js';
import { faceTemplatesStorageTests } from './faceTemplatesStorage.suite.js';
import { outboxStorageTests } from './outboxStorage.suite.js';
import { registrationTreeStorageTests } from './registrationTreeStorage.suite.js';

/** One empty place to keep data (a directory, a database) that can be opened more than once. */
export type StoragePlace = {
  open(): Promise<Storage>;
  dispose(): Promise<void>;
};

/** The storage the behaviour tests share, and how to empty it before each test. */
export type SharedStorage = { storage: Storage; empty(): Promise<void> };

export type StorageHarness<P extends StoragePlace = StoragePlace> = {
  fresh(): Promise<P>;
  /** Opens the shared storage on a fresh place: the SQL adapters truncate their tables, MongoDB deletes its documents. */
  share(place: P): Promise<SharedStorage>;
};

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hash;
const at = (blockNumber: number, logIndex = 0): EventPosition => ({ blockNumber: BigInt(blockNumber), transactionHash: hash(1000 + blockNumber), logIndex });

const entity = (n: number, block: number, overrides: Partial<EntityRecord> = {}): EntityRecord => ({
  account: address(n),
  kind: 'Person',
  status: 'Active',
  registrar: address(1),
  tokenId: BigInt(address(n)),
  registration: at(block, n),
  ...overrides,
});

const credential = (n: number, holder: Address, block: number, overrides: Partial<CredentialRecord> = {}): CredentialRecord => ({
  uid: hash(n),
  issuer: address(2),
  subject: holder,
  credentialType: 1,
  commitment: hash(500 + n),
  level: 'GovernmentCertified',
  validFrom: 0,
  validUntil: 4_294_967_295,
  revoked: false,
  linked: false,
  anchoredAt: at(block, n),
  ...overrides,
});

/**
 * The behaviour every storage adapter must have, in the manner of Veramo's shared
 * `__tests__/shared/*.ts`: each adapter's test file calls this with a harness that makes fresh,
 * empty places to store data. Pass `skip` with a reason to report the whole run as skipped, and
 * `migrations`, the adapter's own schema tests (SQL files, or MongoDB's indexes), run under "migrations".
 */
export function describeStorage<P extends StoragePlace>(
  name: string,
  harness: StorageHarness<P>,
  { skip, migrations }: { skip?: string; migrations: () => void },
) {
  // One storage for the behaviour tests, emptied before each: a PGlite cluster takes a second or
  // more to start, so a fresh one per test would make this file take a minute.
  let shared: (SharedStorage & { place: P }) | undefined;
  const open = async () => {
    if (!shared) {
      const place = await harness.fresh();
      shared = { place, ...(await harness.share(place)) };
    }
    await shared.empty();
    return shared.storage;
  };
  if (skip) {
    // A skipped test, not a skipped suite, so the run's summary counts it.
    it(`storage on ${name}`, { skip }, () => {});
    return;
  }

  describe(`storage on ${name}`, () => {
    after(async () => {
      if (!shared) return;
      await shared.storage.close();
      await shared.place.dispose();
    });

    describe('migrations', migrations);

    describe('projections', () => {
      it('upserts an entity and finds it whatever the casing of its address', async () => {
        const storage = await open();
        const alice = entity(0xabc, 5, { account: '0x00000000000000000000000000000000000ABCde' });
        await storage.entities.upsert(alice);
        await storage.entities.upsert({ ...alice, status: 'Suspended' }, at(6));
        const found = await storage.entities.get('0x00000000000000000000000000000000000abcDE');
        assert.equal(found?.status, 'Suspended');
        assert.equal(found?.account, '0x00000000000000000000000000000000000abcde');
        assert.equal(found?.tokenId, alice.tokenId);
        assert.deepEqual(found?.registration, alice.registration);
        assert.equal(await storage.entities.get(address(0xdef)), null);
      });

      it('keeps a uint256 token id exactly', async () => {
        const storage = await open();
        const tokenId = 2n ** 256n - 1n;
        await storage.entities.upsert(entity(11, 5, { tokenId }));
        assert.equal((await storage.entities.get(address(11)))?.tokenId, tokenId);
      });

      it('upserts a credential and lists a holder’s credentials in anchoring order', async () => {
        const storage = await open();
        const holder = address(20);
        await storage.credentials.upsert(credential(2, holder, 8));
        await storage.credentials.upsert(credential(1, holder, 7));
        await storage.credentials.upsert({ ...credential(1, holder, 7), revoked: true }, at(9));
        const listed = await storage.credentials.listByHolder(holder);
        assert.deepEqual(
          listed.map((c) => [c.uid, c.revoked]),
          [
            [hash(1), true],
            [hash(2), false],
          ],
        );
        assert.deepEqual(await storage.credentials.get(hash(2)), credential(2, holder, 8));
        assert.equal(await storage.credentials.get(hash(3)), null);
      });

      it('sets a tree link and reads it back', async () => {
        const storage = await open();
        await storage.links.set({ holder: address(30), uid: hash(1), linked: true, updatedAt: at(5) });
        await storage.links.set({ holder: address(30), uid: hash(1), linked: false, updatedAt: at(6) });
        assert.deepEqual(await storage.links.get(address(30), hash(1)), { holder: address(30), uid: hash(1), linked: false, updatedAt: at(6) });
        assert.equal(await storage.links.get(address(31), hash(1)), null);
      });

      it('never returns one holder’s rows for another', async () => {
        const storage = await open();
        const [alice, bob] = [address(40), address(41)];
        await storage.credentials.upsert(credential(1, alice, 5));
        await storage.credentials.upsert(credential(2, bob, 5));
        await storage.links.set({ holder: alice, uid: hash(1), linked: true, updatedAt: at(6) });
        await storage.links.set({ holder: bob, uid: hash(2), linked: true, updatedAt: at(6, 1) });
        await storage.audit.append({ subject: alice, action: 'CredentialAnchored', actor: address(2), event: { ...at(5, 1), blockHash: hash(5) }, payload: {} });
        await storage.audit.append({ subject: bob, action: 'CredentialAnchored', actor: address(2), event: { ...at(5, 2), blockHash: hash(5) }, payload: {} });
        await storage.outbox.create({ idempotencyKey: 'alice-1', owner: alice, requestHash: hash(7), txRequest: {} });

        assert.deepEqual((await storage.credentials.listByHolder(alice)).map((c) => c.uid), [hash(1)]);
        assert.deepEqual((await storage.links.listByHolder(bob)).map((l) => l.uid), [hash(2)]);
        assert.deepEqual((await storage.audit.listBySubject(alice)).map((e) => e.subject), [alice]);
        assert.equal(await storage.outbox.getByKey(bob, 'alice-1'), null);
        assert.equal((await storage.outbox.getByKey(alice, 'alice-1'))?.owner, alice);
        assert.deepEqual(await storage.credentials.listByHolder(address(42)), []);
      });
    });

    describe('audit log', () => {
      it('records a chain event once however often it is appended', async () => {
        const storage = await open();
        const entry = { subject: address(50), action: 'EntityRegistered', actor: address(1), event: { ...at(5, 3), blockHash: hash(5) }, payload: { kind: 'Person' } };
        assert.equal(await storage.audit.append(entry), true);
        assert.equal(await storage.audit.append({ ...entry, action: 'replayed' }), false);
        const listed = await storage.audit.listBySubject(address(50));
        assert.equal(listed.length, 1);
        assert.equal(listed[0].action, 'EntityRegistered');
        assert.deepEqual(listed[0].event, entry.event);
        assert.deepEqual(listed[0].payload, { kind: 'Person' });
      });

      it('keeps every off-chain entry and pages a subject’s history oldest first', async () => {
        const storage = await open();
        for (const action of ['a', 'b', 'c']) await storage.audit.append({ subject: address(51), action, actor: null, payload: { action } });
        const first = await storage.audit.listBySubject(address(51), { limit: 2 });
        assert.deepEqual(first.map((e) => e.action), ['a', 'b']);
        assert.equal(first[0].event, undefined);
        const rest = await storage.audit.listBySubject(address(51), { afterId: first[1].id });
        assert.deepEqual(rest.map((e) => e.action), ['c']);
      });
    });

    describe('cursor and reorgs', () => {
      it('keeps each indexer’s cursor and the block hashes it saw', async () => {
        const storage = await open();
        assert.equal(await storage.cursor.get('registry'), null);
        await storage.cursor.set('registry', { blockNumber: 7n, blockHash: hash(7) });
        await storage.cursor.set('registry', { blockNumber: 8n, blockHash: hash(8) });
        assert.deepEqual(await storage.cursor.get('registry'), { blockNumber: 8n, blockHash: hash(8) });
        await storage.blocks.record(8n, hash(8));
        assert.equal(await storage.blocks.hashAt(8n), hash(8));
        assert.equal(await storage.blocks.hashAt(9n), null);
      });

      it('rolls back exactly the rows written at or after the block', async () => {
        const storage = await open();
        const holder = address(60);
        for (const block of [5, 6, 7]) {
          await storage.blocks.record(BigInt(block), hash(block));
          await storage.entities.upsert(entity(100 + block, block));
          await storage.credentials.upsert(credential(block, holder, block));
          await storage.links.set({ holder, uid: hash(block), linked: true, updatedAt: at(block, 50) });
          await storage.audit.append({ subject: holder, action: `at ${block}`, actor: null, event: { ...at(block, 60), blockHash: hash(block) }, payload: {} });
        }
        await storage.audit.append({ subject: holder, action: 'off chain', actor: null, payload: {} });
        await storage.cursor.set('registry', { blockNumber: 7n, blockHash: hash(7) });
        await storage.cursor.set('slow', { blockNumber: 5n, blockHash: hash(5) });

        const summary = await storage.blocks.deleteFrom(6n);

        assert.deepEqual(summary, { rowsReverted: 6, auditEntriesRemoved: 2, blocksRemoved: 2, cursorsRewound: 1 });
        assert.notEqual(await storage.entities.get(address(105)), null);
        assert.equal(await storage.entities.get(address(106)), null);
        assert.equal(await storage.entities.get(address(107)), null);
        assert.deepEqual((await storage.credentials.listByHolder(holder)).map((c) => c.uid), [hash(5)]);
        assert.deepEqual((await storage.links.listByHolder(holder)).map((l) => l.uid), [hash(5)]);
        assert.deepEqual((await storage.audit.listBySubject(holder)).map((e) => e.action), ['at 5', 'off chain']);
        assert.equal(await storage.blocks.hashAt(5n), hash(5));
        assert.equal(await storage.blocks.hashAt(6n), null);
        assert.deepEqual(await storage.cursor.get('registry'), { blockNumber: 5n, blockHash: hash(5) });
        assert.deepEqual(await storage.cursor.get('slow'), { blockNumber: 5n, blockHash: hash(5) });
      });

      it('puts a row changed after the block back to its value before it', async () => {
        const storage = await open();
        const holder = address(70);
        await storage.entities.upsert(entity(70, 5));
        await storage.credentials.upsert(credential(1, holder, 5));
        await storage.links.set({ holder, uid: hash(1), linked: true, updatedAt: at(5, 9) });
        await storage.entities.upsert(entity(70, 5, { status: 'Suspended' }), at(7));
        await storage.entities.upsert(entity(70, 5, { status: 'Revoked' }), at(8));
        await storage.credentials.upsert(credential(1, holder, 5, { revoked: true }), at(7, 1));
        await storage.links.set({ holder, uid: hash(1), linked: false, updatedAt: at(7, 2) });

        await storage.blocks.deleteFrom(6n);

        assert.equal((await storage.entities.get(address(70)))?.status, 'Active');
        assert.deepEqual(await storage.credentials.get(hash(1)), credential(1, holder, 5));
        assert.deepEqual(await storage.links.get(holder, hash(1)), { holder, uid: hash(1), linked: true, updatedAt: at(5, 9) });
      });

      it('restores the right value when an event was replayed before the reorg', async () => {
        const storage = await open();
        await storage.entities.upsert(entity(71, 5));
        await storage.entities.upsert(entity(71, 5, { status: 'Suspended' }), at(7));
        await storage.entities.upsert(entity(71, 5, { status: 'Suspended' }), at(7)); // the indexer restarted mid-block
        await storage.blocks.deleteFrom(7n);
        assert.equal((await storage.entities.get(address(71)))?.status, 'Active');
      });

      it('forgets block hashes below a final block when pruned', async () => {
        const storage = await open();
        for (const block of [5n, 6n, 7n]) await storage.blocks.record(block, hash(Number(block)));
        await storage.blocks.prune(7n);
        assert.equal(await storage.blocks.hashAt(6n), null);
        assert.equal(await storage.blocks.hashAt(7n), hash(7));
      });
    });

    describe('outbox', () => outboxStorageTests(open));

    describe('nonces', () => {
      it('lets exactly one of five concurrent consumers have a nonce', async () => {
        const storage = await open();
        await storage.nonces.issue({ key: 'n-1', audience: 'https://verifier.example', ttlMs: 60_000 });
        const results = await Promise.all(Array.from({ length: 5 }, () => storage.nonces.consume({ key: 'n-1', audience: 'https://verifier.example' })));
        assert.equal(results.filter(Boolean).length, 1);
        assert.equal(await storage.nonces.consume({ key: 'n-1', audience: 'https://verifier.example' }), false);
      });

      it('refuses a nonce presented to another audience', async () => {
        const storage = await open();
        await storage.nonces.issue({ key: 'n-2', audience: 'https://a.example', ttlMs: 60_000 });
        assert.equal(await storage.nonces.consume({ key: 'n-2', audience: 'https://b.example' }), false);
        assert.equal(await storage.nonces.consume({ key: 'n-2', audience: 'https://a.example' }), true);
      });

      it('refuses an expired nonce and prunes it', async () => {
        const storage = await open();
        const issued = await storage.nonces.issue({ key: 'n-3', audience: 'a', ttlMs: 1 });
        assert.ok(issued.expiresAt instanceof Date);
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(await storage.nonces.consume({ key: 'n-3', audience: 'a' }), false);
        assert.equal(await storage.nonces.pruneExpired(), 1);
      });

      it('prunes expired nonces in bounded statements and keeps live ones', async () => {
        const storage = await open();
        for (const key of ['p-1', 'p-2', 'p-3']) await storage.nonces.issue({ key, audience: 'a', ttlMs: 1 });
        await storage.nonces.issue({ key: 'p-live', audience: 'a', ttlMs: 60_000 });
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(await storage.nonces.pruneExpired({ limit: 2 }), 2);
        assert.equal(await storage.nonces.pruneExpired({ limit: 2 }), 1);
        assert.equal(await storage.nonces.pruneExpired({ limit: 2 }), 0);
        await assert.rejects(storage.nonces.pruneExpired({ limit: 0 }), StorageError);
        assert.equal(await storage.nonces.consume({ key: 'p-live', audience: 'a' }), true);
      });

      it('hands a nonce\'s payload to exactly one of five concurrent takers, and never after', async () => {
        const storage = await open();
        const payload = { identity: '0xabc', challenge: { steps: ['blink', 'turn-left'], expiresAt: 12 } };
        await storage.nonces.issue({ key: 't-1', audience: 'face-challenge', ttlMs: 60_000, payload });
        const results = await Promise.all(Array.from({ length: 5 }, () => storage.nonces.take({ key: 't-1', audience: 'face-challenge' })));
        assert.deepEqual(results.filter(Boolean), [{ payload }]);
        assert.equal(await storage.nonces.take({ key: 't-1', audience: 'face-challenge' }), null);
        assert.equal(await storage.nonces.consume({ key: 't-1', audience: 'face-challenge' }), false);
      });

      it('takes a nonce without a payload once, and never for another audience or after expiry', async () => {
        const storage = await open();
        await storage.nonces.issue({ key: 't-2', audience: 'a', ttlMs: 60_000 });
        assert.equal(await storage.nonces.take({ key: 't-2', audience: 'b' }), null);
        assert.deepEqual(await storage.nonces.take({ key: 't-2', audience: 'a' }), { payload: null });
        await storage.nonces.issue({ key: 't-3', audience: 'a', ttlMs: 1, payload: { x: 1 } });
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(await storage.nonces.take({ key: 't-3', audience: 'a' }), null);
      });

      it('refuses to issue the same nonce twice', async () => {
        const storage = await open();
        await storage.nonces.issue({ key: 'n-4', audience: 'a', ttlMs: 60_000 });
        await assert.rejects(storage.nonces.issue({ key: 'n-4', audience: 'a', ttlMs: 60_000 }), NonceAlreadyIssuedError);
      });
    });

    describe('transactions', () => {
      it('keeps all of a transaction’s writes when it succeeds', async () => {
        const storage = await open();
        await storage.transaction(async (tx) => {
          await tx.blocks.record(9n, hash(9));
          await tx.entities.upsert(entity(90, 9));
          await tx.cursor.set('registry', { blockNumber: 9n, blockHash: hash(9) });
        });
        assert.notEqual(await storage.entities.get(address(90)), null);
        assert.equal((await storage.cursor.get('registry'))?.blockNumber, 9n);
      });

      it('leaves nothing behind when a transaction throws', async () => {
        const storage = await open();
        await assert.rejects(
          storage.transaction(async (tx) => {
            await tx.blocks.record(9n, hash(9));
            await tx.entities.upsert(entity(91, 9));
            await tx.cursor.set('registry', { blockNumber: 9n, blockHash: hash(9) });
            throw new Error('the node went away');
          }),
          /the node went away/,
        );
        assert.equal(await storage.entities.get(address(91)), null);
        assert.equal(await storage.cursor.get('registry'), null);
        assert.equal(await storage.blocks.hashAt(9n), null);
      });
    });

    describe('holder registry', () => holderStorageTests(open));
    describe('credential delivery', () => deliveryStorageTests(open));
    describe('status list entries', () => statusEntriesStorageTests(open));
    describe('blob charges', () => blobUsageStorageTests(open));
    describe('service-side access log and OIDC releases', () => serviceAccessStorageTests(open));
    describe('registration tree and sponsored gas', () => registrationTreeStorageTests(open));
    describe('login failures', () => loginFailuresStorageTests(open));
    describe('enrollment submissions', () => enrollmentSubmissionsStorageTests(open));
    describe('face template records', () => faceTemplatesStorageTests(open));
  });
}
