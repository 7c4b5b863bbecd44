import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Address, Hash } from 'viem';
import { IdempotencyKeyReusedError } from './errors.js';
import type { Storage } from './types.js';

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hash;

/** The outbox's storage behaviour (idempotency keys per owner, the send/confirm state machine), run by `describeStorage` on every backend. */
export function outboxStorageTests(open: () => Promise<Storage>) {
  const request = { idempotencyKey: 'key-1', owner: address(80), requestHash: hash(80), txRequest: { to: address(3), data: '0x1234', value: '0' } };

  it('returns the first row when the same key comes again', async () => {
    const storage = await open();
    const first = await storage.outbox.create(request);
    const again = await storage.outbox.create(request);
    assert.equal(first.created, true);
    assert.equal(again.created, false);
    assert.deepEqual(again.record, first.record);
    assert.equal(first.record.status, 'pending');
    assert.deepEqual(first.record.txRequest, request.txRequest);
  });

  it('creates one row when requests with one key race', async () => {
    const storage = await open();
    const results = await Promise.all(Array.from({ length: 8 }, () => storage.outbox.create(request)));
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal(new Set(results.map((r) => r.record.id)).size, 1);
    assert.equal((await storage.outbox.listPending()).length, 1);
  });

  it('refuses a key its owner reuses with another body', async () => {
    const storage = await open();
    await storage.outbox.create(request);
    await assert.rejects(storage.outbox.create({ ...request, requestHash: hash(81) }), IdempotencyKeyReusedError);
  });

  it('keeps each owner’s keys apart: two owners may use one key, and each sees only their own', async () => {
    const storage = await open();
    const other = { ...request, owner: address(81), requestHash: hash(81), txRequest: { to: address(4), data: '0xabcd', value: '0' } };
    const [mine, theirs] = await Promise.all([storage.outbox.create(request), storage.outbox.create(other)]);
    assert.equal(mine.created, true);
    assert.equal(theirs.created, true);
    assert.notEqual(mine.record.id, theirs.record.id);
    assert.deepEqual(await storage.outbox.getByKey(request.owner, request.idempotencyKey), mine.record);
    assert.deepEqual(await storage.outbox.getByKey(other.owner, other.idempotencyKey), theirs.record);
    // Within one owner, nothing changed: a replay gets the first answer, another body a conflict.
    const replayed = await storage.outbox.create(other);
    assert.equal(replayed.created, false);
    assert.deepEqual(replayed.record, theirs.record);
    await assert.rejects(storage.outbox.create({ ...other, requestHash: hash(82) }), IdempotencyKeyReusedError);
    await assert.rejects(storage.outbox.create({ ...request, requestHash: hash(82) }), IdempotencyKeyReusedError);
    assert.equal((await storage.outbox.listPending()).length, 2);
  });

  it('pages sent entries on from an id, oldest first', async () => {
    const storage = await open();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { record } = await storage.outbox.create({ ...request, idempotencyKey: `page-${i}`, requestHash: hash(100 + i) });
      if (i !== 2) await storage.outbox.markSent(record.id, { txHash: hash(110 + i), nonce: i });
      ids.push(record.id);
    }
    const sentIds = ids.filter((_, i) => i !== 2);
    const first = await storage.outbox.listSent({ limit: 2 });
    assert.deepEqual(first.map((r) => r.id), sentIds.slice(0, 2));
    const next = await storage.outbox.listSent({ limit: 2, afterId: first.at(-1)!.id });
    assert.deepEqual(next.map((r) => r.id), sentIds.slice(2, 4), 'the pending entry in between is skipped');
    assert.deepEqual(await storage.outbox.listSent({ limit: 2, afterId: next.at(-1)!.id }), []);
  });

  it('lists the writes mined above a block in mining order, and reopens one the chain lost', async () => {
    const storage = await open();
    const mined = async (key: string, block: string, how: 'confirmed' | 'reverted') => {
      const { record } = await storage.outbox.create({ ...request, idempotencyKey: key, requestHash: hash(key.length + 200) });
      await storage.outbox.markSent(record.id, { txHash: hash(key.length + 300), nonce: 1 });
      if (how === 'confirmed') await storage.outbox.markConfirmed(record.id, { blockNumber: block, events: [] });
      else await storage.outbox.markFailed(record.id, 'reverted on chain', { transactionHash: hash(1), blockNumber: block });
      return record.id;
    };
    const kept = await mined('lost-kept', '9', 'confirmed');
    const later = await mined('lost-later', '11', 'confirmed');
    const reverted = await mined('lost-reverted', '10', 'reverted');
    const { record: refused } = await storage.outbox.create({ ...request, idempotencyKey: 'lost-refused', requestHash: hash(250) });
    await storage.outbox.markFailed(refused.id, 'the node refused the transaction');
    assert.deepEqual((await storage.outbox.listMinedAfter(9n)).map((r) => r.id), [reverted, later], 'block 10 before block 11; block 9 and the refused write are not lost');
    const reopened = await storage.outbox.reopen(later);
    assert.equal(reopened?.status, 'sent');
    assert.equal(reopened?.response, null);
    assert.equal(reopened?.txHash, hash('lost-later'.length + 300), 'the same signed transaction goes out again');
    assert.equal(await storage.outbox.reopen(later), null, 'a sent write is not reopened twice');
    assert.equal((await storage.outbox.get(kept))?.status, 'confirmed');
  });

  it('moves an entry from pending to sent to confirmed, and not back', async () => {
    const storage = await open();
    const { record } = await storage.outbox.create(request);
    const sent = await storage.outbox.markSent(record.id, { txHash: hash(90), nonce: 4 });
    assert.equal(sent?.status, 'sent');
    assert.equal(sent?.attempts, 1);
    assert.equal(sent?.nonce, 4);
    assert.deepEqual((await storage.outbox.listSent()).map((r) => r.id), [record.id]);
    assert.deepEqual(await storage.outbox.listPending(), []);
    const replaced = await storage.outbox.markSent(record.id, { txHash: hash(91), nonce: 4 });
    assert.equal(replaced?.attempts, 2);
    assert.equal(replaced?.txHash, hash(91));
    const confirmed = await storage.outbox.markConfirmed(record.id, { blockNumber: '12' });
    assert.equal(confirmed?.status, 'confirmed');
    assert.deepEqual(confirmed?.response, { blockNumber: '12' });
    assert.equal(await storage.outbox.markFailed(record.id, 'too late'), null);
    assert.equal(await storage.outbox.markSent(record.id, { txHash: hash(92), nonce: 5 }), null);
    assert.equal((await storage.outbox.get(record.id))?.status, 'confirmed');
  });

  it('replaces the request of a pending entry only', async () => {
    const storage = await open();
    const { record } = await storage.outbox.create(request);
    const resigned = { ...request.txRequest, data: '0x5678' };
    assert.deepEqual((await storage.outbox.replacePending(record.id, resigned))?.txRequest, resigned);
    assert.deepEqual((await storage.outbox.getByKey(request.owner, request.idempotencyKey))?.txRequest, resigned);
    await storage.outbox.markSent(record.id, { txHash: hash(93), nonce: 1 });
    assert.equal(await storage.outbox.replacePending(record.id, request.txRequest), null);
    assert.deepEqual((await storage.outbox.get(record.id))?.txRequest, resigned);
  });

  it('marks an entry failed with its reason', async () => {
    const storage = await open();
    const { record } = await storage.outbox.create(request);
    const failed = await storage.outbox.markFailed(record.id, 'nonce too low');
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.error, 'nonce too low');
    assert.equal(await storage.outbox.markConfirmed(record.id, {}), null);
  });
}
