import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256, stringToHex, type Address, type Hash } from 'viem';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { holderActions } from '../clients/holderActions.js';
import {
  GuardianDuplicateError,
  GuardianInvalidError,
  GuardianThresholdInvalidError,
  KeyNotInRegistrationChainError,
  RecoveryAlreadyApprovedError,
  RecoveryNotGuardianError,
  RecoveryNotReadyError,
} from '../errors/holderRegistry.js';
import { KeyRetiredError } from '../errors/registry.js';
import { CredentialType } from '../types.js';

describe('key rotation, guardian recovery and registrar rebind', () => {
  let f: RegistryFixture;
  let holderRegistry: Address;
  // 0 root; 1..3 guardians; 4 alice; 5 alice's new key; 6 bob; 7 a stranger; 8 carol; 9 carol's rebound key; 10 dave; 11 dave's new key.
  const as = (i: number) => Object.assign(f.as(i).extend(holderActions(holderRegistry)), { address: f.as(i).address });
  let passport: Hash;

  before(async () => {
    f = await registryFixture();
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
    for (const i of [1, 2, 3, 4, 6, 8, 10]) await f.as(0).registerEntity({ entity: f.as(i).address, kind: 'Person' });
    ({ uid: passport } = await f.as(0).anchorCredential({ subject: f.as(10).address, credentialType: CredentialType.Passport, commitment: commitmentOf('dave') }));
  });
  after(() => f.stop());

  it('rotates a key: the identity keeps its credentials and grants, the old key is retired', async () => {
    const dave = as(10);
    await dave.grantAccess({ verifier: as(7).address, uid: passport, duration: 3600 });
    const accepted = await as(11).signAcceptKey({ identity: dave.address });
    await dave.rotateKey(accepted);
    assert.equal(await dave.keyOf({ identity: dave.address }), as(11).address);
    assert.equal(await dave.identityOf({ key: as(11).address }), dave.address);
    assert.equal(await dave.identityOf({ key: dave.address }), null);
    assert.equal(await dave.checkAccess({ holder: dave.address, verifier: as(7).address, uid: passport }), true);
    await rejectsWith(dave.grantAccess({ verifier: as(6).address, uid: passport, duration: 10 }), KeyRetiredError);
    // The new key acts for the identity.
    await as(11).grantAccess({ verifier: as(6).address, uid: passport, duration: 10 });
    assert.equal(await dave.checkAccess({ holder: dave.address, verifier: as(6).address, uid: passport }), true);
  });

  it('refuses a zero or unregistered guardian, a duplicate, and bad thresholds, changing nothing', async () => {
    const bob = as(6);
    await rejectsWith(bob.addGuardian({ guardian: '0x0000000000000000000000000000000000000000', threshold: 1 }), GuardianInvalidError);
    await rejectsWith(bob.addGuardian({ guardian: as(7).address, threshold: 1 }), GuardianInvalidError);
    await rejectsWith(bob.addGuardian({ guardian: as(1).address, threshold: 0 }), GuardianThresholdInvalidError);
    await rejectsWith(bob.addGuardian({ guardian: as(1).address, threshold: 2 }), GuardianThresholdInvalidError);
    await bob.addGuardian({ guardian: as(1).address, threshold: 1 });
    await rejectsWith(bob.addGuardian({ guardian: as(1).address, threshold: 1 }), GuardianDuplicateError);
    assert.deepEqual(await bob.guardianSetOf({ identity: bob.address }), { count: 1, threshold: 1, nonce: 1 });
  });

  it('recovers with 2 of 3 guardians after the delay; fewer, a duplicate or a stranger do not count; the key can cancel', async () => {
    const alice = as(4);
    const newKey = as(5).address;
    await alice.addGuardian({ guardian: as(1).address, threshold: 1 });
    await alice.addGuardian({ guardian: as(2).address, threshold: 2 });
    await alice.addGuardian({ guardian: as(3).address, threshold: 2 });
    await as(1).approveRecovery({ identity: alice.address, newKey });
    await rejectsWith(as(1).approveRecovery({ identity: alice.address, newKey }), RecoveryAlreadyApprovedError);
    await rejectsWith(as(7).approveRecovery({ identity: alice.address, newKey }), RecoveryNotGuardianError);
    await rejectsWith(as(7).finalizeRecovery({ identity: alice.address, newKey }), RecoveryNotReadyError, (e) => assert.equal(e.args[1], 0n));
    await as(2).approveRecovery({ identity: alice.address, newKey });
    const pending = await alice.recoveryOf({ identity: alice.address, newKey });
    assert.equal(pending.approvals, 2);
    assert.ok(pending.readyAt > 0);
    await rejectsWith(as(7).finalizeRecovery({ identity: alice.address, newKey }), RecoveryNotReadyError);

    // The current key cancels during the delay: the approvals no longer count.
    await alice.cancelRecovery({});
    assert.equal((await alice.recoveryOf({ identity: alice.address, newKey })).approvals, 0);

    await as(2).approveRecovery({ identity: alice.address, newKey });
    await as(3).approveRecovery({ identity: alice.address, newKey });
    const ready = await alice.recoveryOf({ identity: alice.address, newKey });
    await f.chain.test.setNextBlockTimestamp({ timestamp: BigInt(ready.readyAt) });
    await f.chain.test.mine({ blocks: 1 });
    await as(7).finalizeRecovery({ identity: alice.address, newKey });
    assert.equal(await alice.keyOf({ identity: alice.address }), newKey);
    assert.equal(await alice.identityOf({ key: alice.address }), null);
  });

  it('lets root re-bind an identity after an in-person check, and no one else', async () => {
    const carol = as(8).address;
    const evidence = keccak256(stringToHex('in-person check #1'));
    await rejectsWith(as(7).rebindByRegistrar({ identity: carol, newKey: as(9).address, evidence }), KeyNotInRegistrationChainError);
    await as(0).rebindByRegistrar({ identity: carol, newKey: as(9).address, evidence });
    assert.equal(await as(0).keyOf({ identity: carol }), as(9).address);
  });
});
