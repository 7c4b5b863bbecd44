import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Address, Hash } from 'viem';
import { ABANDONED_CLAIM_MS } from './compareAndSet.js';
import { sharedMongoStorage, startFerretDbForTests } from './ferretdbHarness.js';

// What the MongoDB adapter adds to FerretDB v1, whose conditional updates are a read then a write:
// claims make each state change happen once, and the undo journal stands in for transactions.
const server = await startFerretDbForTests();
const skip = typeof server === 'string' ? `skipped the MongoDB compare-and-set runs on FerretDB: ${server}` : undefined;
const { open, close } = sharedMongoStorage(server);
after(close);

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hash;
const request = (key: string) => ({
  idempotencyKey: key,
  owner: address(1),
  requestHash: hash(1),
  txRequest: { to: address(2) },
});

describe('MongoDB state changes on FerretDB', { skip }, () => {
  it('counts every one of twenty concurrent send attempts, losing none', async () => {
    const { storage } = await open();
    const { record } = await storage.outbox.create(request('attempts'));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => storage.outbox.markSent(record.id, { txHash: hash(100 + i), nonce: 1 })),
    );
    assert.equal((await storage.outbox.get(record.id))?.attempts, 20);
  });

  it('lets one of twenty concurrent confirmations win', async () => {
    const { storage } = await open();
    const { record } = await storage.outbox.create(request('confirm'));
    await storage.outbox.markSent(record.id, { txHash: hash(3), nonce: 1 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => storage.outbox.markConfirmed(record.id, { blockNumber: String(i) })),
    );
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('takes over a claim whose writer died before writing', async (t) => {
    if (typeof server === 'string') return;
    const { storage, database } = await open();
    const { record } = await storage.outbox.create(request('abandoned'));
    // The claim a crashed writer left on revision 0, older than the abandonment limit.
    await server.client
      .db(database)
      .collection<{ _id: string; at: Date }>('claims')
      .insertOne({ _id: `outbox:${record.id}:0`, at: new Date(Date.now() - ABANDONED_CLAIM_MS - 1_000) });
    t.diagnostic('a fresh claim would make this wait; an abandoned one is deleted and the change goes through');
    assert.equal((await storage.outbox.markSent(record.id, { txHash: hash(4), nonce: 2 }))?.status, 'sent');
  });

  it('puts back what a failed transaction deleted and overwrote, reorg rollback included', async () => {
    const { storage } = await open();
    await storage.blocks.record(5n, hash(5));
    await storage.blocks.record(6n, hash(6));
    await storage.entities.upsert({
      account: address(7),
      kind: 'Person',
      status: 'Active',
      registrar: address(1),
      tokenId: 7n,
      registration: { blockNumber: 6n, transactionHash: hash(60), logIndex: 0 },
    });
    await storage.cursor.set('registry', { blockNumber: 6n, blockHash: hash(6) });
    await assert.rejects(
      storage.transaction(async (tx) => {
        await tx.blocks.deleteFrom(6n);
        await tx.cursor.set('registry', { blockNumber: 9n, blockHash: hash(9) });
        throw new Error('the node went away');
      }),
      /the node went away/,
    );
    assert.equal(await storage.blocks.hashAt(6n), hash(6));
    assert.equal((await storage.entities.get(address(7)))?.status, 'Active');
    assert.deepEqual(await storage.cursor.get('registry'), { blockNumber: 6n, blockHash: hash(6) });
    // The undo entry is back too: a real reorg afterwards still removes the entity.
    await storage.blocks.deleteFrom(6n);
    assert.equal(await storage.entities.get(address(7)), null);
  });
});
