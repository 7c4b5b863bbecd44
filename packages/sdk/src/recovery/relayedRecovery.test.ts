import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, http, publicActions, type Address, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { latestTimestamp, rejectsWith } from '../test/assertions.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { holderActions } from '../clients/holderActions.js';
import { InvalidParameterError } from '../errors/base.js';
import {
  GuardianNotFoundError,
  HolderSignatureExpiredError,
  HolderSignatureInvalidError,
  KeySignatureInvalidError,
  RecoveryNotGuardianError,
} from '../errors/holderRegistry.js';

describe('relayed guardian, recovery and rotation messages', () => {
  let f: RegistryFixture;
  let holderRegistry: Address;
  // 0 root; 1 the sponsor, the only one here that pays gas. Everyone else is a fresh key with no ether.
  const sponsor = () => f.as(1).extend(holderActions(holderRegistry));
  const person = () => privateKeyToAccount(generatePrivateKey());
  const clientOf = (account: LocalAccount) =>
    createWalletClient({ account, chain: f.chain.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions).extend(holderActions(holderRegistry));
  const register = async (...accounts: LocalAccount[]) => {
    for (const a of accounts) await f.as(0).registerEntity({ entity: a.address, kind: 'Person' });
  };
  /** An hour from the chain's clock, which the recovery delay moves ahead of this machine's. */
  const deadline = async () => BigInt((await latestTimestamp(f.as(0))) + 3600);
  const balanceOf = (address: Address) => f.as(0).getBalance({ address });

  before(async () => {
    f = await registryFixture();
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
  });
  after(() => f.stop());

  it('lets a holder with no ether name guardians who approve through a sponsor, then recover and rotate through it', async () => {
    const [holder, bob, carol, recovered, phone] = [person(), person(), person(), person(), person()];
    await register(holder, bob, carol);
    const alice = clientOf(holder);

    await sponsor().relayAddGuardian(await alice.signAddGuardian({ guardian: bob.address, threshold: 1 }));
    await sponsor().relayAddGuardian(await alice.signAddGuardian({ guardian: carol.address, threshold: 2 }));
    assert.deepEqual(await alice.guardianSetOf({ identity: holder.address }), { count: 2, threshold: 2, nonce: 2 });
    assert.equal(await alice.isGuardian({ identity: holder.address, guardian: carol.address }), true);

    for (const guardian of [bob, carol]) {
      await sponsor().relayApproveRecovery(await clientOf(guardian).signApproveRecovery({ identity: holder.address, newKey: recovered.address }));
    }
    const { approvals, readyAt } = await alice.recoveryOf({ identity: holder.address, newKey: recovered.address });
    assert.equal(approvals, 2);
    await f.chain.test.setNextBlockTimestamp({ timestamp: BigInt(readyAt) });
    await f.chain.test.mine({ blocks: 1 });
    await sponsor().finalizeRecovery({ identity: holder.address, newKey: recovered.address });
    assert.equal(await alice.keyOf({ identity: holder.address }), recovered.address);

    // The next key lives on another device: it signs its acceptance there, the current key here.
    const accepted = await clientOf(phone).signAcceptKey({ identity: holder.address, deadline: await deadline() });
    const rotation = await clientOf(recovered).signRotateKey({ accepted });
    assert.deepEqual([rotation.identity, rotation.newKey, rotation.nonce, rotation.newKeySignature], [holder.address, phone.address, accepted.nonce, accepted.signature]);
    await sponsor().relayRotateKey(rotation);
    assert.equal(await alice.keyOf({ identity: holder.address }), phone.address);
    assert.equal(await alice.identityOf({ key: recovered.address }), null);
    for (const a of [holder, bob, carol, recovered, phone]) assert.equal(await balanceOf(a.address), 0n, `${a.address} paid nothing`);
  });

  it('rejects a replayed message with HolderSignatureInvalidError, for the identity and for a guardian', async () => {
    const [holder, bob, newKey] = [person(), person(), person()];
    await register(holder, bob);
    const added = await clientOf(holder).signAddGuardian({ guardian: bob.address, threshold: 1, deadline: await deadline() });
    await sponsor().relayAddGuardian(added);
    await rejectsWith(sponsor().relayAddGuardian(added), HolderSignatureInvalidError, (e) => assert.deepEqual(e.args, [holder.address]));

    const approval = await clientOf(bob).signApproveRecovery({ identity: holder.address, newKey: newKey.address, deadline: await deadline() });
    await sponsor().relayApproveRecovery(approval);
    await sponsor().relayCancelRecovery(await clientOf(holder).signCancelRecovery({ deadline: await deadline() }));
    // The cancel voided the approval; replaying it fails on bob's own nonce, so nothing counts again.
    await rejectsWith(sponsor().relayApproveRecovery(approval), HolderSignatureInvalidError, (e) => assert.deepEqual(e.args, [bob.address]));
    assert.equal((await sponsor().recoveryOf({ identity: holder.address, newKey: newKey.address })).approvals, 0);
  });

  it("refuses a retired key's signature and accepts the new key's, after a relayed rotation signed by two accounts", async () => {
    const [holder, bob, next] = [person(), person(), person()];
    await register(holder, bob);
    const old = clientOf(holder);
    await sponsor().relayRotateKey(await old.signRotateKey({ newKeyAccount: next, deadline: await deadline() }));
    assert.equal(await old.keyOf({ identity: holder.address }), next.address);

    const byRetired = await old.signAddGuardian({ identity: holder.address, guardian: bob.address, threshold: 1, deadline: await deadline() });
    await rejectsWith(sponsor().relayAddGuardian(byRetired), HolderSignatureInvalidError);
    // A key that never controlled the identity is no better.
    const byGuardian = await clientOf(bob).signAddGuardian({ identity: holder.address, guardian: bob.address, threshold: 1, deadline: await deadline() });
    await rejectsWith(sponsor().relayAddGuardian(byGuardian), HolderSignatureInvalidError);
    await sponsor().relayAddGuardian(await clientOf(next).signAddGuardian({ identity: holder.address, guardian: bob.address, threshold: 1, deadline: await deadline() }));
    assert.equal(await old.isGuardian({ identity: holder.address, guardian: bob.address }), true);
  });

  it('rejects an expired message with HolderSignatureExpiredError, changing nothing', async () => {
    const [holder, bob] = [person(), person()];
    await register(holder, bob);
    const past = BigInt((await latestTimestamp(f.as(0))) - 1);
    const signed = await clientOf(holder).signAddGuardian({ guardian: bob.address, threshold: 1, deadline: past });
    await rejectsWith(sponsor().relayAddGuardian(signed), HolderSignatureExpiredError, (e) => assert.deepEqual(e.args, [past]));
    const cancel = await clientOf(holder).signCancelRecovery({ deadline: past });
    await rejectsWith(sponsor().relayCancelRecovery(cancel), HolderSignatureExpiredError);
    assert.equal(await sponsor().isGuardian({ identity: holder.address, guardian: bob.address }), false);
  });

  it('relays a removal, and a valid signature does not bypass the rules', async () => {
    const [holder, bob, stranger, newKey] = [person(), person(), person(), person()];
    await register(holder, bob, stranger);
    const alice = clientOf(holder);
    await sponsor().relayAddGuardian(await alice.signAddGuardian({ guardian: bob.address, threshold: 1, deadline: await deadline() }));
    await sponsor().relayRemoveGuardian(await alice.signRemoveGuardian({ guardian: bob.address, threshold: 0, deadline: await deadline() }));
    assert.deepEqual(await alice.guardianSetOf({ identity: holder.address }), { count: 0, threshold: 0, nonce: 2 });
    const again = await alice.signRemoveGuardian({ guardian: bob.address, threshold: 0, deadline: await deadline() });
    await rejectsWith(sponsor().relayRemoveGuardian(again), GuardianNotFoundError);
    const notAGuardian = await clientOf(stranger).signApproveRecovery({ identity: holder.address, newKey: newKey.address, deadline: await deadline() });
    await rejectsWith(sponsor().relayApproveRecovery(notAGuardian), RecoveryNotGuardianError);
  });

  it('needs both keys for a relayed rotation: the current key for RotateKey, the new key for AcceptKey', async () => {
    const [holder, stranger, next] = [person(), person(), person()];
    await register(holder);
    const signed = await clientOf(holder).signRotateKey({ newKeyClient: clientOf(next), deadline: await deadline() });
    const byStranger = await clientOf(stranger).signRotateKey({ identity: holder.address, newKeyAccount: next, deadline: signed.deadline });
    await rejectsWith(sponsor().relayRotateKey(byStranger), HolderSignatureInvalidError);
    await rejectsWith(sponsor().relayRotateKey({ ...signed, newKeySignature: signed.keySignature }), KeySignatureInvalidError);
    await sponsor().relayRotateKey(signed);
    await rejectsWith(sponsor().relayRotateKey(signed), HolderSignatureInvalidError);
    assert.equal(await sponsor().keyOf({ identity: holder.address }), next.address);
  });

  it('refuses malformed input with InvalidParameterError before signing', async () => {
    const holder = person();
    const alice = clientOf(holder);
    const parameter = (name: string) => (e: InvalidParameterError) => assert.equal(e.parameter, name);
    for (const threshold of [-1, 1.5, 17, Number.NaN]) {
      await rejectsWith(alice.signAddGuardian({ guardian: holder.address, threshold }), InvalidParameterError, parameter('threshold'));
    }
    await rejectsWith(alice.signRemoveGuardian({ guardian: '0x1234' as Address, threshold: 0 }), InvalidParameterError, parameter('guardian'));
    await rejectsWith(alice.signAddGuardian({ identity: 'alice' as Address, guardian: holder.address, threshold: 1 }), InvalidParameterError, parameter('identity'));
    await rejectsWith(alice.signApproveRecovery({ identity: holder.address, newKey: '0xnope' as Address }), InvalidParameterError, parameter('newKey'));
    await rejectsWith(alice.signCancelRecovery({ deadline: -1n }), InvalidParameterError, parameter('deadline'));
    await rejectsWith(alice.signRotateKey({}), InvalidParameterError, parameter('newKeyAccount'));
    const accepted = await clientOf(person()).signAcceptKey({ identity: person().address });
    await rejectsWith(alice.signRotateKey({ identity: holder.address, accepted }), InvalidParameterError, parameter('accepted'));
    await rejectsWith(alice.signRotateKey({ accepted, newKeyAccount: person() }), InvalidParameterError, parameter('accepted'));
    const mine = await clientOf(person()).signAcceptKey({ identity: holder.address });
    await rejectsWith(alice.signRotateKey({ accepted: mine, nonce: mine.nonce + 1n }), InvalidParameterError, parameter('nonce'));
  });
});
