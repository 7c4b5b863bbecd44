import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address, Hash } from 'viem';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf } from '../test/assertions.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { holderActions } from '../clients/holderActions.js';
import { CredentialType } from '../types.js';

// Issue 23 §2: a grant must not come back to life when a transferred credential returns to its earlier holder.
describe('grants over a credential that moves away and comes back', () => {
  let f: RegistryFixture;
  let holderRegistry: Address;
  let title: Hash;
  // 0 root; 1 a car agency; 2 alice; 3 bob; 4 a bank (verifier).
  const titleCommitment = commitmentOf('revival-title');
  const as = (i: number) => Object.assign(f.as(i).extend(holderActions(holderRegistry)), { address: f.as(i).address });
  const move = async (from: number, to: number) => {
    await as(from).requestCredentialTransfer({ uid: title, to: f.as(to).address });
    await as(1).approveCredentialTransfer({ commitment: titleCommitment, to: f.as(to).address });
  };
  const aliceMayShow = () => as(4).checkAccess({ holder: f.as(2).address, verifier: f.as(4).address, uid: title });

  before(async () => {
    f = await registryFixture();
    // Each block 10 s after the last: the holdings and grants below get distinct times, as on a real chain.
    await f.chain.test.setBlockTimestampInterval({ interval: 10 });
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
    await f.as(0).registerEntity({ entity: f.as(1).address, kind: 'Organization' });
    for (const i of [2, 3, 4]) await f.as(0).registerEntity({ entity: f.as(i).address, kind: 'Person' });
    await f.as(0).accreditIssuer({ issuer: f.as(1).address, credentialType: CredentialType.CarTitle });
    ({ uid: title } = await f.as(1).anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.CarTitle, commitment: titleCommitment }));
  });
  after(() => f.stop());

  it("keeps alice's old grant dead after the title goes to bob and back, and honours a new one", async () => {
    await as(2).grantAccess({ verifier: f.as(4).address, uid: title, duration: 30 * 86_400 });
    assert.equal(await aliceMayShow(), true, 'live while alice holds the title');
    await move(2, 3);
    assert.equal(await aliceMayShow(), false, 'dead while bob holds it');
    await move(3, 2);
    const old = await as(4).getGrant({ holder: f.as(2).address, verifier: f.as(4).address, uid: title });
    const now = Number((await f.as(0).getBlock()).timestamp);
    assert.ok(old && old.expiresAt > now && old.grantedAt < now, 'the old grant is in force by its expiry alone');
    assert.equal(await aliceMayShow(), false, 'still dead after the title returns');

    await as(2).grantAccess({ verifier: f.as(4).address, uid: title, duration: 86_400 });
    const fresh = await as(4).getGrant({ holder: f.as(2).address, verifier: f.as(4).address, uid: title });
    assert.ok(fresh && old && fresh.grantedAt > old.grantedAt);
    assert.equal(await aliceMayShow(), true, 'a grant made after the return counts');
  });
});
