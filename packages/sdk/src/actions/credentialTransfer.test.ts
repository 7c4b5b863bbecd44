import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zeroAddress, type Address, type Hash } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import {
  CredentialAlreadyRevokedError,
  CredentialNotFoundError,
  CredentialNotHolderError,
  CredentialOperationNotSupportedError,
  CredentialTransferNotRequestedError,
  EntityNotRegisteredError,
} from '../errors/registry.js';
import { credentialId } from '../utils/credentialId.js';
import { CredentialType } from '../types.js';

describe('requestCredentialTransfer, approveCredentialTransfer and getCredentialHistory', () => {
  let f: RegistryFixture;
  // 0 root, 1 a car agency, 2 alice (seller), 3 bob (buyer), 4 carol, 5 another organization, 9 unregistered.
  const titleCommitment = commitmentOf('car-title');
  let title: Hash;
  let anchoredIn: Hash;
  before(async () => {
    f = await registryFixture();
    const root = f.as(0);
    await root.registerEntity({ entity: f.as(1).address, kind: 'Organization' });
    for (const i of [2, 3, 4]) await root.registerEntity({ entity: f.as(i).address, kind: 'Person' });
    await root.registerEntity({ entity: f.as(5).address, kind: 'Organization' });
    await root.accreditIssuer({ issuer: f.as(1).address, credentialType: CredentialType.CarTitle });
    ({ uid: title, hash: anchoredIn } = await f.as(1).anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.CarTitle, commitment: titleCommitment }));
  });
  after(() => f.stop());

  const pendingTransferOf = (uid: Hash) =>
    f.as(0).readContract({ address: f.registry, abi: identityRegistryAbi, functionName: 'pendingTransferOf', args: [uid] });
  const owners = async (uid: Hash) => (await f.as(0).getCredentialHistory({ uid })).map((o) => o.owner);

  it('starts the history with the subject the title was anchored for', async () => {
    const history = await f.as(0).getCredentialHistory({ uid: title });
    assert.deepEqual(history.map((o) => o.owner), [f.as(2).address]);
    assert.equal(history[0]?.since.transactionHash, anchoredIn);
  });

  it('moves a title to the buyer once the issuer approves, and records both owners in order', async () => {
    const seller = f.as(2);
    const buyer = f.as(3);
    await seller.linkCredential({ uid: title });
    assert.equal((await seller.getIdentityTree({ holder: seller.address }))?.credentials.length, 1);

    await seller.requestCredentialTransfer({ uid: title, to: buyer.address });
    assert.equal(await pendingTransferOf(title), buyer.address);
    // Nothing moves until the issuer approves.
    assert.equal((await seller.getCredential({ uid: title }))?.subject, seller.address);

    const approved = await f.as(1).approveCredentialTransfer({ commitment: titleCommitment, to: buyer.address });
    assert.equal(await pendingTransferOf(title), zeroAddress);
    const credential = await buyer.getCredential({ uid: title });
    assert.deepEqual([credential?.subject, credential?.valid, credential?.level], [buyer.address, true, 'Accredited']);

    const history = await buyer.getCredentialHistory({ uid: title });
    assert.deepEqual(history.map((o) => o.owner), [seller.address, buyer.address]);
    assert.deepEqual(history[1]?.since, { blockNumber: approved.blockNumber, transactionHash: approved.hash });
    assert.ok(history[0]!.since.blockNumber < history[1]!.since.blockNumber);
  });

  it("unlinks a transferred title from the seller's tree", async () => {
    const seller = f.as(2);
    const tree = await seller.getIdentityTree({ holder: seller.address });
    assert.deepEqual(tree?.credentials, []);
    assert.equal(tree?.holder.linkedCredentials, 0);
    assert.equal((await seller.getCredential({ uid: title }))?.linked, false);
  });

  it('lets the buyer link the title into their own tree', async () => {
    const buyer = f.as(3);
    await buyer.linkCredential({ uid: title });
    const tree = await buyer.getIdentityTree({ holder: buyer.address });
    assert.deepEqual(tree?.credentials.map((c) => [c.uid, c.subject]), [[title, buyer.address]]);
  });

  it('stops the previous owner from transferring what they sold', async () => {
    await rejectsWith(f.as(2).requestCredentialTransfer({ uid: title, to: f.as(4).address }), CredentialNotHolderError, (e) => {
      assert.deepEqual(e.args, [f.as(2).address, title]);
      assert.match(e.shortMessage, /does not hold credential/);
    });
  });

  it('extends the history with every further sale', async () => {
    await f.as(3).requestCredentialTransfer({ uid: title, to: f.as(4).address });
    await f.as(1).approveCredentialTransfer({ commitment: titleCommitment, to: f.as(4).address });
    assert.deepEqual(await owners(title), [f.as(2).address, f.as(3).address, f.as(4).address]);
    assert.equal((await f.as(3).getIdentityTree({ holder: f.as(3).address }))?.holder.linkedCredentials, 0);
  });

  it('rejects identity-bound credentials', async () => {
    const { uid } = await f.as(0).anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.Passport, commitment: commitmentOf('passport') });
    await rejectsWith(f.as(2).requestCredentialTransfer({ uid, to: f.as(3).address }), CredentialOperationNotSupportedError, (e) => {
      assert.deepEqual(e.args, [uid, CredentialType.Passport]);
    });
    assert.deepEqual(await owners(uid), [f.as(2).address]);
  });

  it('rejects an approval nobody requested, or for another recipient', async () => {
    const { uid } = await f.as(1).anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('second-title') });
    const agency = f.as(1);
    await rejectsWith(agency.approveCredentialTransfer({ commitment: commitmentOf('second-title'), to: f.as(3).address }), CredentialTransferNotRequestedError, (e) => {
      assert.deepEqual(e.args, [uid, f.as(3).address]);
      assert.match(e.shortMessage, /was requested by its holder/);
    });
    await f.as(2).requestCredentialTransfer({ uid, to: f.as(3).address });
    await rejectsWith(agency.approveCredentialTransfer({ commitment: commitmentOf('second-title'), to: f.as(4).address }), CredentialTransferNotRequestedError);
    await rejectsWith(agency.approveCredentialTransfer({ commitment: commitmentOf('second-title'), to: zeroAddress }), CredentialTransferNotRequestedError);
    assert.deepEqual(await owners(uid), [f.as(2).address]);
  });

  it('only lets the issuer approve', async () => {
    const uid = credentialId({ issuer: f.as(1).address, commitment: commitmentOf('second-title') });
    assert.equal(await pendingTransferOf(uid), f.as(3).address);
    await rejectsWith(f.as(5).approveCredentialTransfer({ commitment: commitmentOf('second-title'), to: f.as(3).address }), CredentialNotFoundError, (e) =>
      assert.deepEqual(e.args, [credentialId({ issuer: f.as(5).address, commitment: commitmentOf('second-title') })]),
    );
  });

  it('rejects a transfer to oneself or to an unregistered account', async () => {
    const uid = credentialId({ issuer: f.as(1).address, commitment: commitmentOf('second-title') });
    await rejectsWith(f.as(2).requestCredentialTransfer({ uid, to: f.as(2).address }), CredentialTransferNotRequestedError);
    await rejectsWith(f.as(2).requestCredentialTransfer({ uid, to: f.as(9).address }), EntityNotRegisteredError, (e) =>
      assert.deepEqual(e.args, [f.as(9).address as Address]),
    );
  });

  it('rejects requesting or approving a transfer of a revoked title', async () => {
    await f.as(1).revokeCredential({ commitment: commitmentOf('second-title') });
    const uid = credentialId({ issuer: f.as(1).address, commitment: commitmentOf('second-title') });
    await rejectsWith(f.as(1).approveCredentialTransfer({ commitment: commitmentOf('second-title'), to: f.as(3).address }), CredentialAlreadyRevokedError);
    await rejectsWith(f.as(2).requestCredentialTransfer({ uid, to: f.as(4).address }), CredentialAlreadyRevokedError, (e) => assert.deepEqual(e.args, [uid]));
  });

  it('returns an empty history for an unknown uid', async () => {
    assert.deepEqual(await f.as(0).getCredentialHistory({ uid: commitmentOf('nothing') }), []);
  });
});
