import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loginNonceStoreBehaves } from '../nonces/loginNonceStore.behavior.js';
import { pruneAndReclaim } from '../nonces/noncePruning.js';
import { sharedMongoStorage, startFerretDbForTests } from './ferretdbHarness.js';

// The nonce stores the service uses (`storage.loginNonces`, `storage.presentationNonces`) on the
// MongoDB adapter, against FerretDB, with the same contract as on PGlite and PostgreSQL.
const server = await startFerretDbForTests();
const skip = typeof server === 'string' ? `skipped the MongoDB nonce runs on FerretDB: ${server}` : undefined;
const { open, close } = sharedMongoStorage(server);
after(close);

describe('sign-in nonces in storage (MongoDB on FerretDB)', { skip }, () => {
  loginNonceStoreBehaves(async () => (await open()).storage.loginNonces);
});

describe('presentation nonces in storage (MongoDB on FerretDB)', { skip }, () => {
  it('issues distinct nonces and lets each be consumed once, however many consumers race', async () => {
    const { storage, database } = await open();
    const nonces = storage.presentationNonces;
    const issued = await Promise.all(Array.from({ length: 30 }, () => nonces.issue('https://a.example', 60)));
    assert.equal(new Set(issued).size, 30);
    const results = await Promise.all(
      [...issued, ...issued, ...issued].map((n) => nonces.consume('https://a.example', n)),
    );
    assert.equal(results.filter(Boolean).length, 30);
    assert.deepEqual(
      await Promise.all(issued.map((n) => nonces.consume('https://a.example', n))),
      issued.map(() => false),
    );
    // Consuming deletes: a spent nonce leaves no document behind.
    if (typeof server !== 'string')
      assert.equal(
        await server.client
          .db(database)
          .collection<{ _id: string }>('nonces')
          .countDocuments({ _id: { $in: issued } }),
        0,
      );
  });

  it('does not let another audience use or burn a nonce, and accepts it in upper case', async () => {
    const nonces = (await open()).storage.presentationNonces;
    const nonce = await nonces.issue('https://a.example', 60);
    assert.equal(await nonces.consume('https://b.example', nonce), false);
    assert.equal(
      await nonces.consume('https://a.example', nonce.toUpperCase().replace('0X', '0x') as `0x${string}`),
      true,
    );
    assert.equal(await nonces.consume('https://a.example', `0x${'00'.repeat(32)}`), false);
  });

  it('refuses an expired nonce and shares the collection with the per-call store', async () => {
    const { storage } = await open();
    const nonce = await storage.presentationNonces.issue('https://a.example', 0.05);
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(await storage.presentationNonces.consume('https://a.example', nonce), false);
    const fresh = await storage.presentationNonces.issue('https://a.example', 60);
    assert.equal(await storage.nonces.consume({ key: fresh, audience: 'presentation:https://a.example' }), true);
    assert.equal(await storage.presentationNonces.consume('https://a.example', fresh), false);
  });

  it('prunes a flood of expired nonces, gives the space back, and keeps live nonces usable', async () => {
    const { storage } = await open();
    await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        storage.nonces.issue({ key: `flood-${i}`, audience: 'presentation:x', ttlMs: 1 }),
      ),
    );
    const live = await storage.presentationNonces.issue('https://a.example', 60);
    await new Promise((r) => setTimeout(r, 20));
    assert.ok((await pruneAndReclaim(storage, { batch: 200, fullVacuumAfter: 400 })) >= 500);
    assert.equal(await storage.presentationNonces.consume('https://a.example', live), true);
  });
});
