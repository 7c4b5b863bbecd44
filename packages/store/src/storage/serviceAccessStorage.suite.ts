import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Address, Hash } from 'viem';
import type { Storage } from './types.js';

const holder = `0x${'a1'.repeat(20)}` as Address;
const other = `0x${'b2'.repeat(20)}` as Address;
const uid = `0x${'c3'.repeat(32)}` as Hash;

/** OpenID Connect releases and the service-side access log, run by `describeStorage` on every backend. */
export function serviceAccessStorageTests(open: () => Promise<Storage>) {
  it('lists a holder\'s service-side accesses newest first, and never another holder\'s', async () => {
    const storage = await open();
    const entry = { accessor: 'oidc:bank', accessorName: 'Bank', channel: 'oidc_userinfo' as const, uids: [uid], attributes: ['identree_credentials'], success: true, detail: null, releaseId: 'r1' };
    const first = await storage.serviceAccessLog.append({ ...entry, holder });
    const second = await storage.serviceAccessLog.append({ ...entry, holder: holder.toUpperCase().replace('0X', '0x') as Address, success: false, detail: 'release_revoked' });
    await storage.serviceAccessLog.append({ ...entry, holder: other });
    const mine = await storage.serviceAccessLog.listByHolder(holder);
    assert.deepEqual(mine.map((e) => e.id), [second, first]);
    assert.deepEqual(mine.map((e) => [e.success, e.detail, e.uids, e.attributes, e.releaseId]), [[false, 'release_revoked', [uid], ['identree_credentials'], 'r1'], [true, null, [uid], ['identree_credentials'], 'r1']]);
    assert.ok(mine[0]!.at instanceof Date);
    assert.deepEqual((await storage.serviceAccessLog.listByHolder(holder, { beforeId: second })).map((e) => e.id), [first]);
    assert.equal((await storage.serviceAccessLog.listByHolder(other)).length, 1);
  });

  it('answers each of many appends at once with its own row\'s id, and loses none', async () => {
    const storage = await open();
    const holders = Array.from({ length: 60 }, (_, i) => `0x${(i + 16).toString(16).padStart(2, '0').repeat(20)}` as Address);
    const ids = await Promise.all(holders.map((h, i) => storage.serviceAccessLog.append({
      holder: h, accessor: `verifier:${i}`, accessorName: null, channel: 'presentation_verify' as const, uids: [uid], attributes: [], success: true, detail: `n${i}`, releaseId: null,
    })));
    assert.equal(new Set(ids).size, 60);
    for (const [i, h] of holders.entries()) {
      const [row] = await storage.serviceAccessLog.listByHolder(h);
      assert.deepEqual([row!.id, row!.detail, row!.accessor], [ids[i], `n${i}`, `verifier:${i}`], `append ${i} got its own row's id`);
    }
  });

  it('revokes a release only for its own holder, and only once', async () => {
    const storage = await open();
    const expiresAt = new Date(Date.now() + 60_000);
    const created = await storage.oidcReleases.create({ id: 'rel-1', holder, clientId: 'bank', clientName: 'Bank', verifier: null, claims: { sub: 'did:x', 'odd.key': { $x: 1 } }, uids: [uid], expiresAt });
    assert.equal(created.revokedAt, null);
    assert.deepEqual((await storage.oidcReleases.get('rel-1'))!.claims, { sub: 'did:x', 'odd.key': { $x: 1 } });
    assert.equal(await storage.oidcReleases.revoke(other, 'rel-1'), false, 'another holder cannot revoke it');
    assert.equal((await storage.oidcReleases.get('rel-1'))!.revokedAt, null);
    assert.equal(await storage.oidcReleases.revoke(holder, 'rel-1'), true);
    assert.equal(await storage.oidcReleases.revoke(holder, 'rel-1'), false, 'revoked once');
    assert.ok((await storage.oidcReleases.get('rel-1'))!.revokedAt instanceof Date);
    assert.deepEqual((await storage.oidcReleases.listByHolder(holder)).map((r) => r.id), ['rel-1']);
    assert.deepEqual(await storage.oidcReleases.listByHolder(other), []);
    assert.equal(await storage.oidcReleases.get('nope'), null);
  });
}
