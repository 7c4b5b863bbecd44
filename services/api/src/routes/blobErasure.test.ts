import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** Issue 22: a blob is pinned on store and unpinned on erase, each in the owner's audit log; only its owners erase it. */
describe('DELETE /blobs/:cid', () => {
  let f: ServiceFixture;
  const alice = privateKeyToAccount(generatePrivateKey());
  const bob = privateKeyToAccount(generatePrivateKey());
  const mallory = privateKeyToAccount(generatePrivateKey());
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const put = async (who: string, text: string) => {
    const res = await f.app.inject({ method: 'POST', url: '/blobs', headers: { ...auth(who), 'content-type': 'application/octet-stream' }, payload: Buffer.from(text) });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().cid as string;
  };
  const erase = (who: string, cid: string) => f.app.inject({ method: 'DELETE', url: `/blobs/${cid}`, headers: auth(who) });
  const actions = async (who: 'alice' | 'bob') => {
    const account = who === 'alice' ? alice : bob;
    const res = await f.app.inject({ method: 'GET', url: `/entities/${account.address}/audit`, headers: auth(who) });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().entries as { action: string; payload?: { cid?: string } }[]).map((e) => `${e.action} ${e.payload?.cid ?? ''}`.trim());
  };

  before(async () => {
    f = await serviceFixture();
    for (const a of [alice, bob, mallory]) await f.chain.sponsor.registerEntity({ entity: a.address, kind: 'Person' });
    tokens.alice = await f.login(alice);
    tokens.bob = await f.login(bob);
    tokens.mallory = await f.login(mallory);
  });
  after(() => f.stop());

  it('erases a blob for its owner, logging the pin and the erasure, after which it is gone', async () => {
    const cid = await put('alice', 'sealed face template v1');
    const refused = await erase('mallory', cid);
    assert.equal(refused.statusCode, 404, 'not the owner: the same answer as no blob');
    const res = await erase('alice', cid);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { cid, erased: true, unpinned: false, heldByOthers: false });
    assert.equal((await f.app.inject({ method: 'GET', url: `/blobs/${cid}` })).statusCode, 404);
    const log = await actions('alice');
    assert.ok(log.includes(`BlobPinned ${cid}`), log.join());
    assert.ok(log.includes(`BlobErased ${cid}`), log.join());
    assert.equal((await erase('alice', cid)).statusCode, 404, 'erased once');
  });

  it('keeps bytes another account also stored, and erases them with their last owner', async () => {
    const cid = await put('alice', 'the same sealed document');
    assert.equal(await put('bob', 'the same sealed document'), cid);
    const first = await erase('alice', cid);
    assert.deepEqual(first.json(), { cid, erased: false, unpinned: false, heldByOthers: true });
    assert.equal((await f.app.inject({ method: 'GET', url: `/blobs/${cid}` })).statusCode, 200, 'still Bob\'s');
    assert.ok((await actions('alice')).includes(`BlobReleased ${cid}`));
    const last = await erase('bob', cid);
    assert.equal(last.json().erased, true, last.body);
    assert.equal((await f.app.inject({ method: 'GET', url: `/blobs/${cid}` })).statusCode, 404);
  });

  it('needs a sign-in, and names a malformed CID', async () => {
    assert.equal((await f.app.inject({ method: 'DELETE', url: '/blobs/bafyanything' })).statusCode, 401);
    const res = await erase('alice', 'x');
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json().message, /cid/);
  });
});
