import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { rejectsWith } from '../test/assertions.js';
import {
  EntityInvalidStatusChangeError,
  EntityNotActiveError,
  EntityNotInRegistrationChainError,
  EntityNotRegisteredError,
} from '../errors/registry.js';
import { EntityStatus } from '../types.js';

describe('suspendEntity, reinstateEntity and revokeEntity', () => {
  let f: RegistryFixture;
  // 0 root, 1 and 2 governments under root, 3 an admin under 1, 4 a person under 1, 5 a person under 3, 6 an issuer under root.
  before(async () => {
    f = await registryFixture();
    const root = f.as(0);
    await root.registerEntity({ entity: f.as(1).address, kind: 'Government' });
    await root.registerEntity({ entity: f.as(2).address, kind: 'Government' });
    await f.as(1).registerEntity({ entity: f.as(3).address, kind: 'Admin' });
    await f.as(1).registerEntity({ entity: f.as(4).address, kind: 'Person' });
    await f.as(3).registerEntity({ entity: f.as(5).address, kind: 'Person' });
    await root.registerEntity({ entity: f.as(6).address, kind: 'Issuer' });
  });
  after(() => f.stop());

  const statusOf = async (index: number) => (await f.as(0).getEntity({ entity: f.as(index).address }))?.status;

  it('suspends an active entity and reinstates it, returning receipt facts', async () => {
    const root = f.as(0);
    const suspended = await root.suspendEntity({ entity: f.as(6).address });
    assert.match(suspended.hash, /^0x[0-9a-f]{64}$/);
    assert.ok(suspended.gasUsed > 21_000n);
    const receipt = await root.getTransactionReceipt({ hash: suspended.hash });
    assert.equal(receipt.blockNumber, suspended.blockNumber);
    assert.equal(await statusOf(6), 'Suspended');

    await root.reinstateEntity({ entity: f.as(6).address });
    assert.equal(await statusOf(6), 'Active');
  });

  it('lets any registrar above an entity change its status, not only its direct registrar', async () => {
    // Person 5 was registered by admin 3, which government 1 registered.
    await f.as(1).suspendEntity({ entity: f.as(5).address });
    assert.equal(await statusOf(5), 'Suspended');
    await f.as(3).reinstateEntity({ entity: f.as(5).address });
    assert.equal(await statusOf(5), 'Active');
  });

  it('rejects a caller outside the registration chain', async () => {
    await rejectsWith(f.as(2).suspendEntity({ entity: f.as(4).address }), EntityNotInRegistrationChainError, (e) => {
      assert.deepEqual(e.args, [f.as(2).address, f.as(4).address]);
      assert.match(e.shortMessage, /is not in the registration chain of/);
    });
    // A sibling admin cannot reach up either: 3 did not register 4.
    await rejectsWith(f.as(3).suspendEntity({ entity: f.as(4).address }), EntityNotInRegistrationChainError);
    assert.equal(await statusOf(4), 'Active');
  });

  it('rejects reinstating an entity that is not suspended', async () => {
    await rejectsWith(f.as(0).reinstateEntity({ entity: f.as(4).address }), EntityInvalidStatusChangeError, (e) => {
      assert.deepEqual(e.args, [f.as(4).address, EntityStatus.Active]);
      assert.match(e.shortMessage, /from Active/);
    });
  });

  it('rejects suspending an entity that is already suspended', async () => {
    await f.as(0).suspendEntity({ entity: f.as(4).address });
    await rejectsWith(f.as(0).suspendEntity({ entity: f.as(4).address }), EntityInvalidStatusChangeError, (e) => {
      assert.deepEqual(e.args, [f.as(4).address, EntityStatus.Suspended]);
    });
    await f.as(0).reinstateEntity({ entity: f.as(4).address });
  });

  it("never changes the root's status, even at the root's own request", async () => {
    const root = f.as(0);
    await rejectsWith(root.suspendEntity({ entity: root.address }), EntityInvalidStatusChangeError, (e) => {
      assert.deepEqual(e.args, [root.address, EntityStatus.Active]);
    });
    await rejectsWith(root.revokeEntity({ entity: root.address }), EntityInvalidStatusChangeError);
    assert.equal(await statusOf(0), 'Active');
  });

  it('rejects an unregistered target', async () => {
    await rejectsWith(f.as(0).suspendEntity({ entity: f.as(9).address }), EntityNotRegisteredError, (e) => {
      assert.deepEqual(e.args, [f.as(9).address]);
    });
  });

  it('stops a suspended registrar from acting on its own registrations', async () => {
    await f.as(0).suspendEntity({ entity: f.as(3).address });
    await rejectsWith(f.as(3).suspendEntity({ entity: f.as(5).address }), EntityNotActiveError, (e) => {
      assert.deepEqual(e.args, [f.as(3).address, EntityStatus.Suspended]);
      assert.match(e.shortMessage, /is Suspended, not active/);
    });
    await rejectsWith(f.as(3).registerEntity({ entity: f.as(10).address, kind: 'Person' }), EntityNotActiveError);
    await f.as(0).reinstateEntity({ entity: f.as(3).address });
    assert.equal(await statusOf(3), 'Active');
  });

  it('revokes a suspended entity, and revocation is final', async () => {
    const gov = f.as(1);
    await gov.suspendEntity({ entity: f.as(4).address });
    await gov.revokeEntity({ entity: f.as(4).address });
    assert.equal(await statusOf(4), 'Revoked');
    await rejectsWith(gov.reinstateEntity({ entity: f.as(4).address }), EntityInvalidStatusChangeError, (e) => {
      assert.deepEqual(e.args, [f.as(4).address, EntityStatus.Revoked]);
      assert.match(e.shortMessage, /from Revoked/);
    });
    await rejectsWith(gov.revokeEntity({ entity: f.as(4).address }), EntityInvalidStatusChangeError);
    await rejectsWith(gov.suspendEntity({ entity: f.as(4).address }), EntityInvalidStatusChangeError);
  });

  it('revokes an active entity directly, and its identity stays on record', async () => {
    await f.as(0).revokeEntity({ entity: f.as(6).address });
    const entity = await f.as(0).getEntity({ entity: f.as(6).address });
    assert.equal(entity?.status, 'Revoked');
    assert.equal(entity?.kind, 'Issuer');
    // A revoked account cannot be registered afresh.
    await assert.rejects(f.as(0).registerEntity({ entity: f.as(6).address, kind: 'Issuer' }), /already registered/);
  });
});
