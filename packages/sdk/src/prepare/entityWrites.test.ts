import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { sendPrepared } from '../test/sendPrepared.js';
import { InvalidParameterError } from '../errors/base.js';
import { prepareRegisterEntity } from './prepareRegisterEntity.js';
import { prepareSuspendEntity } from './prepareSuspendEntity.js';
import { prepareReinstateEntity } from './prepareReinstateEntity.js';
import { prepareRevokeEntity } from './prepareRevokeEntity.js';
import { prepareTransferRoot } from './prepareTransferRoot.js';
import { prepareAcceptRoot } from './prepareAcceptRoot.js';

describe('prepared entity and root writes, sent by a plain viem wallet', () => {
  let f: RegistryFixture;
  // 0 root, 1 a government, 2 a university, 3 alice.
  before(async () => (f = await registryFixture()));
  after(() => f.stop());
  const wallet = (i: number) => f.chain.wallet(i);
  const statusOf = async (i: number) => (await f.as(0).getEntity({ entity: f.as(i).address }))?.status;

  it('registers an entity with the call prepareRegisterEntity returns', async () => {
    const call = prepareRegisterEntity({ registry: f.registry, entity: f.as(3).address, kind: 'Person' });
    assert.equal(call.to, f.registry);
    await sendPrepared(wallet(0), call);
    const entity = await f.as(0).getEntity({ entity: f.as(3).address });
    assert.deepEqual([entity?.kind, entity?.status, entity?.registrar], ['Person', 'Active', f.as(0).address]);
  });

  it('suspends, reinstates and revokes an entity with the prepared calls', async () => {
    const registry = f.registry;
    const university = f.as(2).address;
    await sendPrepared(wallet(0), prepareRegisterEntity({ registry, entity: university, kind: 'Issuer' }));
    await sendPrepared(wallet(0), prepareSuspendEntity({ registry, entity: university }));
    assert.equal(await statusOf(2), 'Suspended');
    await sendPrepared(wallet(0), prepareReinstateEntity({ registry, entity: university }));
    assert.equal(await statusOf(2), 'Active');
    await sendPrepared(wallet(0), prepareRevokeEntity({ registry, entity: university }));
    assert.equal(await statusOf(2), 'Revoked');
  });

  it('hands root over in two prepared steps', async () => {
    const registry = f.registry;
    await sendPrepared(wallet(0), prepareRegisterEntity({ registry, entity: f.as(1).address, kind: 'Government' }));
    await sendPrepared(wallet(0), prepareTransferRoot({ registry, newRoot: f.as(1).address }));
    assert.deepEqual(await f.as(5).getRoot({}), { root: f.as(0).address, pendingRoot: f.as(1).address });
    await sendPrepared(wallet(1), prepareAcceptRoot({ registry }));
    assert.deepEqual(await f.as(5).getRoot({}), { root: f.as(1).address, pendingRoot: null });
  });

  it('rejects an unknown entity kind before encoding anything', () => {
    for (const kind of ['None', 'Wizard', 'toString']) {
      const parameters = { registry: f.registry, entity: f.as(4).address, kind } as Parameters<typeof prepareRegisterEntity>[0];
      assert.throws(() => prepareRegisterEntity(parameters), InvalidParameterError, kind);
    }
  });
});
