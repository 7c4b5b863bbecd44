import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Address, Hash } from 'viem';
import type { Storage } from './types.js';

const issuer = `0x${'9'.repeat(40)}` as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hash;

/** Status list positions, run by `describeStorage` on every backend. */
export function statusEntriesStorageTests(open: () => Promise<Storage>) {
  it('gives a credential one position, the same on every later call and whatever the casing', async () => {
    const storage = await open();
    const first = await storage.statusEntries.allocate({ uid: hash(1), issuer, listSize: 64, listCapacity: 8 });
    const again = await storage.statusEntries.allocate({ uid: `0x${hash(1).slice(2).toUpperCase()}` as Hash, issuer, listSize: 64, listCapacity: 8 });
    assert.deepEqual(again, first);
    assert.ok(first.index >= 0 && first.index < 64);
    assert.deepEqual(await storage.statusEntries.get(hash(1)), first);
    assert.equal(await storage.statusEntries.get(hash(2)), null);
  });

  it('never gives two credentials the same position, and opens the next list once one holds its capacity', async () => {
    const storage = await open();
    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => storage.statusEntries.allocate({ uid: hash(100 + i), issuer, listSize: 16, listCapacity: 8 })));
    const positions = new Set(entries.map((e) => `${e.listId}:${e.index}`));
    assert.equal(positions.size, 20, 'every credential has its own position');
    const perList = new Map<number, number>();
    for (const e of entries) perList.set(e.listId, (perList.get(e.listId) ?? 0) + 1);
    // Concurrent draws may overfill the open list by the calls in flight, never beyond its size.
    for (const [, n] of perList) assert.ok(n <= 16);
    assert.ok(perList.size >= 2, `20 entries at capacity 8 span more than one list, got ${[...perList.entries()]}`);
    const first = await storage.statusEntries.listEntries(0);
    assert.deepEqual(first.map((e) => e.index), [...first.map((e) => e.index)].sort((a, b) => a - b));
    assert.ok(first.every((e) => e.listId === 0));
  });

  it('reads a list with each credential\'s revocation and its holder\'s and issuer\'s standing, and an anchor no longer indexed', async () => {
    const storage = await open();
    const position = { blockNumber: 5n, transactionHash: hash(77), logIndex: 0 };
    const holder = `0x${'1'.repeat(40)}` as Address;
    await storage.entities.upsert({ account: holder, kind: 'Person', status: 'Suspended', registrar: issuer, tokenId: 1n, registration: position });
    await storage.entities.upsert({ account: issuer, kind: 'Issuer', status: 'Active', registrar: issuer, tokenId: 2n, registration: position });
    const anchored = { issuer, subject: holder, credentialType: 1, commitment: hash(500), level: 'Accredited' as const, validFrom: 0, validUntil: 4_294_967_295, linked: false, anchoredAt: position };
    await storage.credentials.upsert({ ...anchored, uid: hash(1), revoked: true });
    await storage.credentials.upsert({ ...anchored, uid: hash(2), revoked: false, commitment: hash(501) });
    for (const n of [1, 2, 3]) await storage.statusEntries.allocate({ uid: hash(n), issuer, listSize: 64, listCapacity: 32 });
    const standing = new Map((await storage.statusEntries.listStanding(0)).map((e) => [e.uid, e]));
    assert.equal(standing.size, 3);
    assert.deepEqual(
      [1, 2, 3].map((n) => { const e = standing.get(hash(n))!; return [e.anchored, e.revoked, e.holderStatus, e.issuerStatus]; }),
      [[true, true, 'Suspended', 'Active'], [true, false, 'Suspended', 'Active'], [false, false, null, null]],
    );
    assert.deepEqual(await storage.statusEntries.listStanding(1), []);
  });

  it('refuses a capacity above half the list, where random draws would start to fail', async () => {
    const storage = await open();
    await assert.rejects(storage.statusEntries.allocate({ uid: hash(1), issuer, listSize: 16, listCapacity: 9 }), /listCapacity must be between 1 and half/);
  });
}
