import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { devAccount } from '@identree/devchain';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

describe('indexer', () => {
  let f: ServiceFixture;
  before(async () => (f = await serviceFixture()));
  after(() => f.stop());

  const caughtUp = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));

  it('projects registry events into the read model with an audit row per event', async () => {
    const person = devAccount(3).address;
    const { hash } = await f.chain.sponsor.registerEntity({ entity: person, kind: 'Person' });
    await caughtUp();
    const entity = await f.storage.entities.get(person);
    assert.equal(entity?.kind, 'Person');
    assert.equal(entity?.registration.transactionHash, hash);
    const audit = await f.storage.audit.listBySubject(person);
    assert.deepEqual(audit.map((a) => a.action), ['EntityRegistered']);
    assert.equal(audit[0]!.event?.transactionHash, hash);
  });

  it('rolls back what a reorg removed, and indexes what replaced it', async () => {
    const lost = devAccount(4).address;
    await f.chain.sponsor.registerEntity({ entity: lost, kind: 'Person' });
    await caughtUp();
    assert.ok(await f.storage.entities.get(lost));
    // Replace the last block with an empty one: the registration is no longer on the chain.
    await f.chain.reader.request({ method: 'anvil_reorg' as never, params: [1, []] as never });
    await f.chain.reader.request({ method: 'evm_mine' as never, params: [] as never });
    await f.worker.indexer.step();
    await f.worker.indexer.step();
    await caughtUp();
    assert.equal(await f.chain.reader.getEntity({ entity: lost }), null, 'the chain forgot the registration');
    assert.equal(await f.storage.entities.get(lost), null, 'and so did the read model');
    assert.deepEqual(await f.storage.audit.listBySubject(lost), []);
    // Life goes on after the reorg.
    await f.chain.sponsor.registerEntity({ entity: lost, kind: 'Organization' });
    await caughtUp();
    assert.equal((await f.storage.entities.get(lost))?.kind, 'Organization');
  });

  it('proves an audit entry against the chain', async () => {
    const person = devAccount(3).address;
    const [entry] = await f.storage.audit.listBySubject(person);
    const res = await f.app.inject({ method: 'GET', url: `/audit/proof?transactionHash=${entry!.event!.transactionHash}&logIndex=${entry!.event!.logIndex}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().verified, true);
    assert.equal(res.json().blockHash, entry!.event!.blockHash);
  });

  it('shows an audit log to its subject, never to another holder', async () => {
    const person = devAccount(3);
    const own = await f.app.inject({ method: 'GET', url: `/entities/${person.address}/audit`, headers: { authorization: `Bearer ${await f.login(person)}` } });
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().entries[0].action, 'EntityRegistered');
    const other = await f.app.inject({ method: 'GET', url: `/entities/${person.address}/audit`, headers: { authorization: `Bearer ${await f.login(devAccount(8))}` } });
    assert.equal(other.statusCode, 403);
  });
});
