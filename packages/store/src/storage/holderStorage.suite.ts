import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Address, Hash, Hex } from 'viem';
import type { EventPosition, Storage } from './types.js';
import type { GrantRecord } from './holderTypes.js';

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hash;
const at = (blockNumber: number, logIndex = 0): EventPosition => ({ blockNumber: BigInt(blockNumber), transactionHash: hash(2000 + blockNumber), logIndex });
const WHOLE = `0x${'00'.repeat(26)}` as Hex;

const grant = (holder: number, verifier: number, uid: number, block: number, overrides: Partial<GrantRecord> = {}): GrantRecord => ({
  holder: address(holder),
  verifier: address(verifier),
  uid: hash(uid),
  expiresAt: 2_000_000_000,
  revoked: false,
  attributes: WHOLE,
  updatedAt: at(block, uid),
  ...overrides,
});

/**
 * The holder registry's storage behaviour (grants, access log, keys, guardians, recoveries, shares,
 * webhooks), run by `describeStorage` on every backend. `open` empties the tables first.
 */
export function holderStorageTests(open: () => Promise<Storage>) {
  it('upserts a grant, finds it whatever the casing, and lists a holder’s and a credential’s grants', async () => {
    const storage = await open();
    await storage.grants.upsert(grant(1, 2, 3, 5));
    await storage.grants.upsert(grant(1, 4, 3, 6, { attributes: `0x${'ab'.repeat(26)}` }));
    await storage.grants.upsert(grant(1, 2, 3, 7, { revoked: true }));
    const found = await storage.grants.get(address(1), address(2), hash(3).toUpperCase().replace('0X', '0x') as Hash);
    assert.equal(found?.revoked, true);
    assert.deepEqual(found?.updatedAt, at(7, 3));
    assert.deepEqual((await storage.grants.listByHolder(address(1))).map((g) => [g.verifier, g.attributes]), [
      [address(4), `0x${'ab'.repeat(26)}`],
      [address(2), WHOLE],
    ]);
    assert.equal((await storage.grants.listByCredential(hash(3))).length, 2);
    assert.equal(await storage.grants.get(address(9), address(2), hash(3)), null);
  });

  it('rolls a grant back to its value before a reorged block, and drops a grant made in it', async () => {
    const storage = await open();
    await storage.grants.upsert(grant(1, 2, 3, 5));
    await storage.grants.upsert(grant(1, 2, 3, 8, { revoked: true }));
    await storage.grants.upsert(grant(1, 5, 3, 9));
    await storage.blocks.deleteFrom(8n);
    assert.equal((await storage.grants.get(address(1), address(2), hash(3)))?.revoked, false);
    assert.equal(await storage.grants.get(address(1), address(5), hash(3)), null);
  });

  it('keeps each access-log event once, newest first, and forgets the events of a reorged block', async () => {
    const storage = await open();
    const entry = (block: number, logIndex: number, success: boolean) => ({
      holder: address(1), verifier: address(2), uid: hash(3), attributes: WHOLE, success, blockTime: 1_700_000_000 + block,
      event: { ...at(block, logIndex), blockHash: hash(block) },
    });
    assert.equal(await storage.accessLog.append(entry(5, 0, true)), true);
    assert.equal(await storage.accessLog.append(entry(5, 0, true)), false);
    await storage.accessLog.append(entry(6, 1, false));
    await storage.accessLog.append({ ...entry(6, 2, true), holder: address(7) });
    const timeline = await storage.accessLog.listByHolder(address(1));
    assert.deepEqual(timeline.map((e) => [e.event.blockNumber, e.success, e.blockTime]), [[6n, false, 1_700_000_006], [5n, true, 1_700_000_005]]);
    assert.deepEqual((await storage.accessLog.listByHolder(address(1), { beforeId: timeline[0]!.id })).map((e) => e.event.blockNumber), [5n]);
    await storage.blocks.deleteFrom(6n);
    assert.deepEqual((await storage.accessLog.listByHolder(address(1))).map((e) => e.event.blockNumber), [5n]);
    assert.deepEqual(await storage.accessLog.listByHolder(address(7)), []);
  });

  it('finds a key binding by identity and by key, and restores the previous key after a reorg', async () => {
    const storage = await open();
    await storage.keyBindings.set({ identity: address(1), key: address(10), how: 'Rotation', updatedAt: at(5) });
    await storage.keyBindings.set({ identity: address(1), key: address(11), how: 'GuardianRecovery', updatedAt: at(7) });
    assert.equal((await storage.keyBindings.byKey(address(11)))?.identity, address(1));
    assert.equal(await storage.keyBindings.byKey(address(10)), null);
    await storage.blocks.deleteFrom(6n);
    assert.deepEqual(await storage.keyBindings.byIdentity(address(1)), { identity: address(1), key: address(10), how: 'Rotation', updatedAt: at(5) });
  });

  it('tracks guardians and the threshold, and puts a removed guardian back when its removal is reorged out', async () => {
    const storage = await open();
    await storage.guardians.add(address(1), address(20), { threshold: 1, nonce: 1 }, at(5, 0));
    await storage.guardians.add(address(1), address(21), { threshold: 2, nonce: 2 }, at(5, 1));
    await storage.guardians.remove(address(1), address(20), { threshold: 1, nonce: 3 }, at(8));
    assert.deepEqual(await storage.guardians.get(address(1)), { identity: address(1), guardians: [address(21)], threshold: 1, nonce: 3 });
    await storage.guardians.setNonce(address(1), 4, at(9));
    assert.equal((await storage.guardians.get(address(1)))?.nonce, 4);
    await storage.blocks.deleteFrom(8n);
    assert.deepEqual(await storage.guardians.get(address(1)), { identity: address(1), guardians: [address(20), address(21)], threshold: 2, nonce: 2 });
    assert.equal(await storage.guardians.get(address(2)), null);
  });

  it('keeps a recovery’s approvals and status', async () => {
    const storage = await open();
    const recovery = { recoveryId: hash(77), identity: address(1), newKey: address(30), approvals: [address(20)], readyAt: 0, status: 'pending' as const, updatedAt: at(5) };
    await storage.recoveries.upsert(recovery);
    await storage.recoveries.upsert({ ...recovery, approvals: [address(20), address(21)], readyAt: 1_700_000_100, updatedAt: at(6) });
    assert.deepEqual((await storage.recoveries.get(hash(77)))?.approvals, [address(20), address(21)]);
    await storage.blocks.deleteFrom(6n);
    assert.deepEqual(await storage.recoveries.listByIdentity(address(1)), [recovery]);
  });

  it('stores one wrapped key per verifier and forgets it when removed', async () => {
    const storage = await open();
    const share = { holder: address(1), verifier: address(2), uid: hash(3), cid: 'bafkreiexample', envelope: { version: 1, recipients: [{ verifier: address(2), wrappedKey: 'abc' }] } };
    await storage.shareKeys.put(share);
    assert.deepEqual((await storage.shareKeys.get(address(1), address(2), hash(3)))?.envelope, share.envelope);
    assert.equal(await storage.shareKeys.get(address(1), address(4), hash(3)), null);
    assert.equal(await storage.shareKeys.remove(address(1), address(2), hash(3)), true);
    assert.equal(await storage.shareKeys.remove(address(1), address(2), hash(3)), false);
    assert.equal(await storage.shareKeys.get(address(1), address(2), hash(3)), null);
  });

  it('queues a webhook once per event for the subscribers who want it, and lets one worker claim it', async () => {
    const storage = await open();
    const bank = await storage.webhooks.subscribe(address(2), 'https://bank.example/hook', ['grant.revoked']);
    const again = await storage.webhooks.subscribe(address(2), 'https://bank.example/hook', ['grant.revoked', 'credential.revoked']);
    assert.equal(again.id, bank.id);
    await storage.webhooks.subscribe(address(3), 'https://other.example/hook', ['credential.revoked']);
    assert.equal(await storage.webhooks.enqueue({ owners: [address(2), address(9)], event: 'grant.revoked', payload: { uid: hash(3) }, at: at(5) }), 1);
    assert.equal(await storage.webhooks.enqueue({ owners: [address(2)], event: 'grant.revoked', payload: { uid: hash(3) }, at: at(5) }), 0);
    assert.equal(await storage.webhooks.enqueue({ owners: [address(3)], event: 'grant.revoked', payload: {}, at: at(5) }), 0);
    const [first, second] = await Promise.all([storage.webhooks.claimDue({ limit: 10, leaseMs: 60_000 }), storage.webhooks.claimDue({ limit: 10, leaseMs: 60_000 })]);
    assert.equal(first.length + second.length, 1);
    const claimed = [...first, ...second][0]!;
    assert.equal(claimed.url, 'https://bank.example/hook');
    assert.deepEqual(claimed.payload, { uid: hash(3) });
    assert.match(claimed.deliveryId, /^[0-9a-f-]{36}$/);
    await storage.webhooks.markAttemptFailed(claimed.id, 'connection refused', 0);
    const [retried] = await storage.webhooks.claimDue({ limit: 10, leaseMs: 60_000 });
    assert.equal(retried?.deliveryId, claimed.deliveryId);
    assert.equal(retried?.attempts, 1);
    await storage.webhooks.markDelivered(claimed.id);
    const delivered = await storage.webhooks.getDelivery(claimed.deliveryId);
    assert.equal(delivered?.status, 'delivered');
    assert.equal(delivered?.attempts, 2);
    assert.ok(delivered?.deliveredAt instanceof Date);
  });

  it('gives a delivery up after its last attempt, and drops undelivered ones of a reorged block', async () => {
    const storage = await open();
    const sub = await storage.webhooks.subscribe(address(2), 'https://bank.example/hook', ['grant.revoked']);
    await storage.webhooks.enqueue({ owners: [address(2)], event: 'grant.revoked', payload: { n: 1 }, at: at(5) });
    await storage.webhooks.enqueue({ owners: [address(2)], event: 'grant.revoked', payload: { n: 2 }, at: at(8) });
    const [first] = await storage.webhooks.claimDue({ limit: 1, leaseMs: 60_000 });
    await storage.webhooks.markAttemptFailed(first!.id, 'HTTP 500', null);
    await storage.blocks.deleteFrom(8n);
    const left = await storage.webhooks.listDeliveries(sub.id);
    assert.deepEqual(left.map((d) => [d.payload, d.status, d.lastError]), [[{ n: 1 }, 'failed', 'HTTP 500']]);
    assert.equal(await storage.webhooks.unsubscribe(address(3), sub.id), false);
    assert.equal(await storage.webhooks.unsubscribe(address(2), sub.id), true);
    assert.deepEqual(await storage.webhooks.listByOwner(address(2)), []);
  });
}
