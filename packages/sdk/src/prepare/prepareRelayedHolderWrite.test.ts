import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, http, keccak256, publicActions, stringToHex, type Address, type Hash, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, latestTimestamp } from '../test/assertions.js';
import { sendPrepared } from '../test/sendPrepared.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { holderActions } from '../clients/holderActions.js';
import { InvalidParameterError } from '../errors/base.js';
import { UnknownRegistryCallError } from '../errors/registryCall.js';
import { CredentialType } from '../types.js';
import { signLinkCredential } from '../actions/signLinkCredential.js';
import { signUnlinkCredential } from '../actions/signUnlinkCredential.js';
import { prepareRelayedHolderWrite, RELAYED_HOLDER_WRITES } from './prepareRelayedHolderWrite.js';
import { prepareRebindByRegistrar } from './prepareRebindByRegistrar.js';

describe('prepareRelayedHolderWrite and prepareRebindByRegistrar', () => {
  let f: RegistryFixture;
  let registry: Address;
  let holderRegistry: Address;
  // 0 root; 1 the sponsor, the only one that pays; 2 a bank. Holders and guardians are fresh keys with no ether.
  const sponsor = () => f.chain.wallet(1);
  const person = () => privateKeyToAccount(generatePrivateKey());
  const clientOf = (account: LocalAccount) =>
    createWalletClient({ account, chain: f.chain.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions).extend(holderActions(holderRegistry));
  const deadline = async () => BigInt((await latestTimestamp(f.as(0))) + 3600);
  const reader = () => f.as(0).extend(holderActions(holderRegistry));
  const registered = async () => {
    const account = person();
    await f.as(0).registerEntity({ entity: account.address, kind: 'Person' });
    return account;
  };
  const passportOf = async (holder: Address, label: string): Promise<Hash> =>
    (await f.as(0).anchorCredential({ subject: holder, credentialType: CredentialType.Passport, commitment: commitmentOf(label) })).uid;

  before(async () => {
    f = await registryFixture();
    registry = f.registry;
    holderRegistry = await getHolderRegistry(f.as(0), { registry });
  });
  after(() => f.stop());

  it('links and unlinks through the identity registry, the holder paying nothing', async () => {
    const holder = await registered();
    const uid = await passportOf(holder.address, 'relayed-link');
    const linked = await signLinkCredential(clientOf(holder), { registry, uid });
    const call = prepareRelayedHolderWrite({
      registry,
      holderRegistry,
      functionName: 'linkCredentialBySig',
      args: [linked.holder, linked.uid, linked.deadline, linked.signature],
    });
    assert.deepEqual([call.to, call.contract], [registry, 'registry']);
    await sendPrepared(sponsor(), call);
    assert.deepEqual((await f.as(0).getIdentityTree({ holder: holder.address }))?.credentials.map((c) => c.uid), [uid]);

    const unlinked = await signUnlinkCredential(clientOf(holder), { registry, uid });
    await sendPrepared(sponsor(), prepareRelayedHolderWrite({
      registry,
      holderRegistry,
      functionName: 'unlinkCredentialBySig',
      args: [unlinked.holder, unlinked.uid, unlinked.deadline, unlinked.signature],
    }));
    assert.equal((await f.as(0).getIdentityTree({ holder: holder.address }))?.credentials.length ?? 0, 0);
    assert.equal(await f.as(0).getBalance({ address: holder.address }), 0n);
  });

  it('grants and revokes access through the holder registry', async () => {
    const holder = await registered();
    const uid = await passportOf(holder.address, 'relayed-grant');
    const bank = f.as(2).address;
    const g = await clientOf(holder).signGrantAccess({ verifier: bank, uid, duration: 3600 });
    const call = prepareRelayedHolderWrite({
      registry,
      holderRegistry,
      functionName: 'grantAccessBySig',
      args: [g.holder, g.verifier, g.uid, g.duration, g.attributes, g.deadline, g.signature],
    });
    assert.deepEqual([call.to, call.contract], [holderRegistry, 'holderRegistry']);
    await sendPrepared(sponsor(), call);
    assert.equal(await reader().checkAccess({ holder: holder.address, verifier: bank, uid }), true);

    const r = await clientOf(holder).signRevokeAccess({ verifier: bank, uid });
    await sendPrepared(sponsor(), prepareRelayedHolderWrite({ holderRegistry, functionName: 'revokeAccessBySig', args: [r.holder, r.verifier, r.uid, r.deadline, r.signature] }));
    assert.equal(await reader().checkAccess({ holder: holder.address, verifier: bank, uid }), false);
  });

  it('adds and removes a guardian, approves, cancels and finalizes a recovery, and rotates a key', async () => {
    const [holder, bob, carol] = [await registered(), await registered(), await registered()];
    const [recovered, phone, abandoned] = [person(), person(), person()];
    const alice = clientOf(holder);
    const send = (call: Parameters<typeof prepareRelayedHolderWrite>[0]) => sendPrepared(sponsor(), prepareRelayedHolderWrite(call));

    for (const [guardian, threshold] of [[bob, 1], [carol, 1]] as const) {
      const s = await alice.signAddGuardian({ guardian: guardian.address, threshold, deadline: await deadline() });
      await send({ holderRegistry, functionName: 'addGuardianBySig', args: [s.identity, s.guardian, s.threshold, s.deadline, s.signature] });
    }
    const removed = await alice.signRemoveGuardian({ guardian: carol.address, threshold: 1, deadline: await deadline() });
    await send({ holderRegistry, functionName: 'removeGuardianBySig', args: [removed.identity, removed.guardian, removed.threshold, removed.deadline, removed.signature] });
    assert.deepEqual(await alice.guardianSetOf({ identity: holder.address }), { count: 1, threshold: 1, nonce: 3 });

    const approve = async (newKey: Address) => {
      const a = await clientOf(bob).signApproveRecovery({ identity: holder.address, newKey, deadline: await deadline() });
      await send({ holderRegistry, functionName: 'approveRecoveryBySig', args: [a.guardian, a.identity, a.newKey, a.deadline, a.signature] });
    };
    await approve(abandoned.address);
    const cancel = await alice.signCancelRecovery({ deadline: await deadline() });
    await send({ holderRegistry, functionName: 'cancelRecoveryBySig', args: [cancel.identity, cancel.deadline, cancel.signature] });
    assert.equal((await alice.recoveryOf({ identity: holder.address, newKey: abandoned.address })).approvals, 0);

    await approve(recovered.address);
    const { readyAt } = await alice.recoveryOf({ identity: holder.address, newKey: recovered.address });
    await f.chain.test.setNextBlockTimestamp({ timestamp: BigInt(readyAt) });
    await f.chain.test.mine({ blocks: 1 });
    await send({ holderRegistry, functionName: 'finalizeRecovery', args: [holder.address, recovered.address] });
    assert.equal(await alice.keyOf({ identity: holder.address }), recovered.address);

    const rotation = await clientOf(recovered).signRotateKey({ identity: holder.address, newKeyAccount: phone, deadline: await deadline() });
    await send({
      holderRegistry,
      functionName: 'rotateKeyBySig',
      args: [rotation.identity, rotation.newKey, rotation.deadline, rotation.keySignature, rotation.newKeySignature],
    });
    assert.equal(await alice.keyOf({ identity: holder.address }), phone.address);
  });

  it('lets a registrar re-bind an identity with the prepared rebindByRegistrar', async () => {
    const holder = await registered();
    const newKey = person();
    const call = prepareRebindByRegistrar({ holderRegistry, identity: holder.address, newKey: newKey.address, evidence: keccak256(stringToHex('in-person check')) });
    assert.equal(call.to, holderRegistry);
    await sendPrepared(f.chain.wallet(0), call);
    assert.equal(await reader().keyOf({ identity: holder.address }), newKey.address);
  });

  it('covers exactly the writes the service relays, and refuses any other name or a missing address', () => {
    assert.deepEqual(Object.keys(RELAYED_HOLDER_WRITES).sort(), [
      'addGuardianBySig', 'approveRecoveryBySig', 'cancelRecoveryBySig', 'finalizeRecovery', 'grantAccessBySig',
      'linkCredentialBySig', 'relayAuthorityCall', 'removeGuardianBySig', 'revokeAccessBySig', 'rotateKeyBySig', 'unlinkCredentialBySig',
    ]);
    const other = { holderRegistry, functionName: 'rebindByRegistrar', args: [] } as unknown as Parameters<typeof prepareRelayedHolderWrite>[0];
    assert.throws(() => prepareRelayedHolderWrite(other), (e: unknown) => e instanceof UnknownRegistryCallError && e.call === 'rebindByRegistrar');
    const noRegistry = { holderRegistry, functionName: 'linkCredentialBySig', args: [holderRegistry, commitmentOf('x'), 1n, '0x'] } as unknown as Parameters<typeof prepareRelayedHolderWrite>[0];
    assert.throws(() => prepareRelayedHolderWrite(noRegistry), (e: unknown) => e instanceof InvalidParameterError && e.parameter === 'registry');
  });
});
