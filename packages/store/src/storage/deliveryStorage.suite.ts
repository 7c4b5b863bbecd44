import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Address, Hash, Hex } from 'viem';
import type { Storage } from './types.js';

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hash;
const upper = <T extends string>(hex: T) => `0x${hex.slice(2).toUpperCase()}` as T;

/** Credential delivery's storage behaviour, run by `describeStorage` on every backend. */
export function deliveryStorageTests(open: () => Promise<Storage>) {
  it('keeps one public key per address, found whatever the casing', async () => {
    const storage = await open();
    const key = `0x04${'ab'.repeat(64)}` as Hex;
    await storage.holderPublicKeys.put(upper(address(1)), key);
    await storage.holderPublicKeys.put(address(1), key);
    assert.equal(await storage.holderPublicKeys.get(address(1)), key);
    assert.equal(await storage.holderPublicKeys.get(address(2)), null);
  });

  it('lists a holder\'s deliveries only, newest first, and replaces a re-delivery of the same credential', async () => {
    const storage = await open();
    const first = await storage.deliveries.put({ holder: address(1), issuer: address(9), uid: hash(1), envelope: { v: 1 }, ciphertext: 'AAAA' });
    await storage.deliveries.put({ holder: address(2), issuer: address(9), uid: hash(2), envelope: { v: 1 }, ciphertext: 'BBBB' });
    const second = await storage.deliveries.put({ holder: upper(address(1)), issuer: address(9), uid: hash(3), envelope: { v: 1 }, ciphertext: 'CCCC' });
    assert.deepEqual((await storage.deliveries.listByHolder(address(1))).map((d) => d.uid), [hash(3), hash(1)]);
    const again = await storage.deliveries.put({ holder: address(1), issuer: address(9), uid: hash(1), envelope: { v: 2 }, ciphertext: 'DDDD' });
    assert.equal(again.id, first.id);
    assert.deepEqual((await storage.deliveries.get(first.id))?.envelope, { v: 2 });
    assert.equal((await storage.deliveries.listByHolder(address(1))).length, 2);
    assert.equal((await storage.deliveries.get(second.id))?.ciphertext, 'CCCC');
    assert.equal(await storage.deliveries.get(999_999), null);
  });

  it('redeems a pre-authorized code once before it expires, and hands the credential out once to a live token', async () => {
    const storage = await open();
    const now = new Date('2026-12-05T00:00:00Z');
    const later = (s: number) => new Date(now.getTime() + s * 1000);
    const offer = { issuer: address(9), holder: address(1), uid: hash(1) };
    await storage.credentialOffers.create({ ...offer, codeHash: hash(100), credential: 'eyJ.sd.jwt~', expiresAt: later(300) });
    await storage.credentialOffers.create({ ...offer, codeHash: hash(101), credential: 'eyJ.other~', expiresAt: later(-1) });
    const [a, b] = await Promise.all([
      storage.credentialOffers.redeem(hash(100), { tokenHash: hash(200), tokenExpiresAt: later(60), now }),
      storage.credentialOffers.redeem(hash(100), { tokenHash: hash(201), tokenExpiresAt: later(60), now }),
    ]);
    assert.equal([a, b].filter(Boolean).length, 1, 'one redemption wins');
    assert.deepEqual(a ?? b, { ...offer, expiresAt: later(300), credential: 'eyJ.sd.jwt~' });
    assert.equal(await storage.credentialOffers.redeem(hash(101), { tokenHash: hash(202), tokenExpiresAt: later(60), now }), null, 'an expired code');
    assert.equal(await storage.credentialOffers.redeem(hash(102), { tokenHash: hash(203), tokenExpiresAt: later(60), now }), null, 'an unknown code');
    const token = a ? hash(200) : hash(201);
    assert.equal(await storage.credentialOffers.takeCredential(token, later(61)), null, 'an expired token');
    const taken = await Promise.all([storage.credentialOffers.takeCredential(token, later(30)), storage.credentialOffers.takeCredential(token, later(30))]);
    assert.deepEqual(taken.sort(), ['eyJ.sd.jwt~', null].sort());
    assert.equal(await storage.credentialOffers.takeCredential(hash(202), now), null);
  });

  it('sums the wei the sponsor spent for a subject since a time, from its audit entries', async () => {
    const storage = await open();
    const spent = (subject: number, wei: string, block: number) => storage.audit.append({
      subject: address(subject), action: 'SponsoredGasSpent', actor: address(99),
      event: { blockNumber: BigInt(block), blockHash: hash(500 + block), transactionHash: hash(600 + block), logIndex: -1 }, payload: { wei, gasUsed: '21000' },
    });
    await spent(1, '1000000000000000000000', 1);
    await spent(1, '5', 2);
    await spent(2, '7', 3);
    assert.equal(await spent(1, '5', 2), false, 'a replay is recorded once');
    await storage.audit.append({ subject: address(1), action: 'EntityRegistered', actor: null, payload: { wei: '999' } });
    assert.equal(await storage.audit.sponsoredWeiSince(address(1), new Date(Date.now() - 60_000)), 1_000_000_000_000_000_000_005n);
    assert.equal(await storage.audit.sponsoredWeiSince(address(1), new Date(Date.now() + 60_000)), 0n);
    assert.equal(await storage.audit.sponsoredWeiSince(address(3), new Date(0)), 0n);
  });
}
