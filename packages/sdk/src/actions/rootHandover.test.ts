import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zeroAddress } from 'viem';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { rejectsWith } from '../test/assertions.js';
import {
  EntityInvalidStatusChangeError,
  RootNotAGovernmentError,
  RootNotPendingError,
  RootUnauthorizedAccountError,
} from '../errors/registry.js';

describe('transferRoot, acceptRoot and getRoot', () => {
  let f: RegistryFixture;
  // 0 root, 1 to 3 governments, 4 a person.
  before(async () => {
    f = await registryFixture();
    const root = f.as(0);
    for (const i of [1, 2, 3]) await root.registerEntity({ entity: f.as(i).address, kind: 'Government' });
    await root.registerEntity({ entity: f.as(4).address, kind: 'Person' });
  });
  after(() => f.stop());

  it('reports the deployer as root with no handover pending', async () => {
    assert.deepEqual(await f.as(5).getRoot({}), { root: f.as(0).address, pendingRoot: null });
  });

  it('only lets the root offer root', async () => {
    await rejectsWith(f.as(1).transferRoot({ newRoot: f.as(2).address }), RootUnauthorizedAccountError, (e) => {
      assert.deepEqual(e.args, [f.as(1).address]);
      assert.match(e.shortMessage, /is not the root authority/);
    });
    assert.equal((await f.as(0).getRoot({})).pendingRoot, null);
  });

  it('only offers root to an active government', async () => {
    const root = f.as(0);
    await rejectsWith(root.transferRoot({ newRoot: f.as(4).address }), RootNotAGovernmentError, (e) => {
      assert.deepEqual(e.args, [f.as(4).address]);
    });
    await rejectsWith(root.transferRoot({ newRoot: f.as(9).address }), RootNotAGovernmentError);
  });

  it('cancels an offer with the zero address', async () => {
    const root = f.as(0);
    await root.transferRoot({ newRoot: f.as(3).address });
    assert.deepEqual(await root.getRoot({}), { root: root.address, pendingRoot: f.as(3).address });
    await root.transferRoot({ newRoot: zeroAddress });
    assert.deepEqual(await root.getRoot({}), { root: root.address, pendingRoot: null });
    await rejectsWith(f.as(3).acceptRoot({}), RootNotPendingError, (e) => {
      assert.deepEqual(e.args, [f.as(3).address, zeroAddress]);
    });
  });

  it('refuses an offer accepted after the new root lost its standing', async () => {
    const root = f.as(0);
    await root.transferRoot({ newRoot: f.as(3).address });
    await root.suspendEntity({ entity: f.as(3).address });
    await rejectsWith(f.as(3).acceptRoot({}), RootNotAGovernmentError, (e) => assert.deepEqual(e.args, [f.as(3).address]));
    assert.equal((await root.getRoot({})).root, root.address);
    await root.reinstateEntity({ entity: f.as(3).address });
    await root.transferRoot({ newRoot: zeroAddress });
  });

  it('hands root over in two steps, and only the pending government can accept', async () => {
    const root = f.as(0);
    const next = f.as(1);
    await root.transferRoot({ newRoot: next.address });
    assert.deepEqual(await root.getRoot({}), { root: root.address, pendingRoot: next.address });

    await rejectsWith(f.as(2).acceptRoot({}), RootNotPendingError, (e) => {
      assert.deepEqual(e.args, [f.as(2).address, next.address]);
      assert.match(e.shortMessage, /is not the pending root/);
    });

    const { gasUsed } = await next.acceptRoot({});
    assert.ok(gasUsed > 21_000n);
    assert.deepEqual(await root.getRoot({}), { root: next.address, pendingRoot: null });
  });

  it('moves root powers to the new root', async () => {
    const oldRoot = f.as(0);
    const newRoot = f.as(1);
    await rejectsWith(oldRoot.defineCredentialType({ name: 'AfterHandover' }), RootUnauthorizedAccountError, (e) => {
      assert.deepEqual(e.args, [oldRoot.address]);
    });
    await rejectsWith(oldRoot.transferRoot({ newRoot: oldRoot.address }), RootUnauthorizedAccountError);
    const { credentialType } = await newRoot.defineCredentialType({ name: 'AfterHandover' });
    assert.equal(credentialType, 5);
    // The new root's own status is now the one that cannot change.
    await rejectsWith(oldRoot.suspendEntity({ entity: newRoot.address }), EntityInvalidStatusChangeError);
  });
});
