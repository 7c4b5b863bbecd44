import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Address } from 'viem';
import type { Storage } from './types.js';

const issuer = `0x${'9'.repeat(40)}` as Address;

/** Blob charges (the storage budget, and who may erase a blob), run by `describeStorage` on every backend. */
export function blobUsageStorageTests(open: () => Promise<Storage>) {
  it('knows every account charged for a blob, and releases one charge without touching the others', async () => {
    const storage = await open();
    const other = `0x${'8'.repeat(40)}` as Address;
    assert.equal(await storage.blobUsage.record(issuer, 'bafyshared', 10), true);
    assert.equal(await storage.blobUsage.record(other, 'bafyshared', 10), true);
    assert.deepEqual((await storage.blobUsage.owners('bafyshared')).sort(), [issuer.toLowerCase(), other.toLowerCase()].sort());
    assert.equal(await storage.blobUsage.release(issuer, 'bafyshared'), true);
    assert.equal(await storage.blobUsage.release(issuer, 'bafyshared'), false, 'released once');
    assert.deepEqual(await storage.blobUsage.owners('bafyshared'), [other.toLowerCase()]);
    assert.equal(await storage.blobUsage.totalFor(issuer), 0);
    assert.equal(await storage.blobUsage.totalFor(other), 10);
  });
}
