import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openStorage } from '../storage/openStorage.js';
import { pruneExpiredNonces } from './noncePruning.js';

describe('pruneExpiredNonces', async () => {
  const storage = await openStorage({});
  after(() => storage.close());

  it('deletes every expired nonce across several bounded statements and leaves live ones usable', async () => {
    for (let i = 0; i < 7; i++) await storage.nonces.issue({ key: `old-${i}`, audience: 'siwe', ttlMs: 1 });
    await storage.nonces.issue({ key: 'live', audience: 'siwe', ttlMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await pruneExpiredNonces(storage, 3), 7);
    assert.equal(await pruneExpiredNonces(storage, 3), 0);
    assert.equal(await storage.nonces.consume({ key: 'live', audience: 'siwe' }), true);
  });
});
