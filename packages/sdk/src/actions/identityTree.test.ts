import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hash } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import {
  CredentialNotFoundError,
  EntityNotActiveError,
  TreeAlreadyLinkedError,
  TreeNotCredentialHolderError,
  TreeNotLinkedError,
} from '../errors/registry.js';
import { IdentreeError } from '../errors/base.js';
import { CredentialType, EntityStatus } from '../types.js';

describe('linkCredential, unlinkCredential and getIdentityTree', () => {
  let f: RegistryFixture;
  // 0 root, 1 an accredited university, 2 alice, 3 bob, 4 a car agency (organization), 5 carol.
  let birth: Hash;
  let curriculum: Hash;
  let title: Hash;
  let bobBirth: Hash;
  before(async () => {
    f = await registryFixture();
    const root = f.as(0);
    await root.registerEntity({ entity: f.as(1).address, kind: 'Issuer' });
    await root.registerEntity({ entity: f.as(2).address, kind: 'Person' });
    await root.registerEntity({ entity: f.as(3).address, kind: 'Person' });
    await root.registerEntity({ entity: f.as(4).address, kind: 'Organization' });
    await root.registerEntity({ entity: f.as(5).address, kind: 'Person' });
    await root.accreditIssuer({ issuer: f.as(1).address, credentialType: CredentialType.ScholarCurriculum });
    const alice = f.as(2).address;
    ({ uid: birth } = await root.anchorCredential({ subject: alice, credentialType: CredentialType.BirthCertificate, commitment: commitmentOf('alice-birth') }));
    ({ uid: curriculum } = await f.as(1).anchorCredential({
      subject: alice,
      credentialType: CredentialType.ScholarCurriculum,
      commitment: commitmentOf('alice-curriculum'),
      source: birth,
    }));
    ({ uid: title } = await f.as(4).anchorCredential({ subject: alice, credentialType: CredentialType.CarTitle, commitment: commitmentOf('alice-title') }));
    ({ uid: bobBirth } = await root.anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.BirthCertificate, commitment: commitmentOf('bob-birth') }));
  });
  after(() => f.stop());

  const linkedCount = (holder: `0x${string}`) =>
    f.as(0).readContract({ address: f.registry, abi: identityRegistryAbi, functionName: 'linkedCredentialCount', args: [holder] });
  const isLinked = (holder: `0x${string}`, uid: Hash) =>
    f.as(0).readContract({ address: f.registry, abi: identityRegistryAbi, functionName: 'isLinked', args: [holder, uid] });

  it('starts every identity with an empty tree', async () => {
    const tree = await f.as(0).getIdentityTree({ holder: f.as(2).address });
    assert.equal(tree?.holder.account, f.as(2).address);
    assert.equal(tree?.holder.linkedCredentials, 0);
    assert.deepEqual(tree?.credentials, []);
  });

  it('returns null for an unregistered holder', async () => {
    assert.equal(await f.as(0).getIdentityTree({ holder: f.as(9).address }), null);
  });

  it('lists linked credentials with their issuer entities', async () => {
    const alice = f.as(2);
    await alice.linkCredential({ uid: birth });
    const { gasUsed } = await alice.linkCredential({ uid: curriculum });
    assert.ok(gasUsed > 21_000n);

    const tree = await f.as(3).getIdentityTree({ holder: alice.address });
    assert.ok(tree);
    assert.equal(tree.holder.linkedCredentials, 2);
    assert.equal(tree.credentials.length, tree.holder.linkedCredentials);
    assert.equal(await linkedCount(alice.address), 2n);
    const byUid = new Map(tree.credentials.map((c) => [c.uid, c]));
    assert.deepEqual([...byUid.keys()].sort(), [birth, curriculum].sort());

    const b = byUid.get(birth)!;
    assert.deepEqual(
      [b.typeName, b.level, b.issuer, b.issuerEntity?.kind, b.linked, b.valid, b.subject],
      ['BirthCertificate', 'GovernmentCertified', f.as(0).address, 'Government', true, true, alice.address],
    );
    const c = byUid.get(curriculum)!;
    assert.deepEqual(
      [c.typeName, c.level, c.issuer, c.issuerEntity?.kind, c.issuerEntity?.account],
      ['ScholarCurriculum', 'Accredited', f.as(1).address, 'Issuer', f.as(1).address],
    );
    assert.equal(await isLinked(alice.address, birth), true);
  });

  it("rejects linking someone else's credential", async () => {
    await rejectsWith(f.as(3).linkCredential({ uid: birth }), TreeNotCredentialHolderError, (e) => {
      assert.deepEqual(e.args, [f.as(3).address, birth]);
      assert.match(e.shortMessage, /is not the holder of credential/);
    });
    // Nor may the issuer link what it issued to another.
    await rejectsWith(f.as(0).linkCredential({ uid: birth }), TreeNotCredentialHolderError);
    assert.equal(await linkedCount(f.as(3).address), 0n);
  });

  it('rejects linking the same credential twice', async () => {
    await rejectsWith(f.as(2).linkCredential({ uid: birth }), TreeAlreadyLinkedError, (e) => {
      assert.deepEqual(e.args, [birth]);
      assert.match(e.shortMessage, /already linked/);
    });
    assert.equal(await linkedCount(f.as(2).address), 2n);
  });

  it('rejects linking an unknown credential', async () => {
    const uid = commitmentOf('not anchored');
    await rejectsWith(f.as(2).linkCredential({ uid }), CredentialNotFoundError, (e) => assert.deepEqual(e.args, [uid]));
  });

  it('removes an unlinked credential from the tree', async () => {
    const alice = f.as(2);
    await alice.unlinkCredential({ uid: curriculum });
    const tree = await alice.getIdentityTree({ holder: alice.address });
    assert.deepEqual(tree?.credentials.map((c) => c.uid), [birth]);
    assert.equal(tree?.holder.linkedCredentials, 1);
    assert.equal(await isLinked(alice.address, curriculum), false);
    assert.equal((await alice.getCredential({ uid: curriculum }))?.linked, false);
  });

  it('rejects unlinking what is not linked, or not held', async () => {
    await rejectsWith(f.as(2).unlinkCredential({ uid: curriculum }), TreeNotLinkedError, (e) => assert.deepEqual(e.args, [curriculum]));
    await rejectsWith(f.as(3).unlinkCredential({ uid: birth }), TreeNotCredentialHolderError, (e) => assert.deepEqual(e.args, [f.as(3).address, birth]));
    assert.equal(await linkedCount(f.as(2).address), 1n);
  });

  it('lists a credential linked again after unlinking', async () => {
    const alice = f.as(2);
    await alice.linkCredential({ uid: curriculum });
    await alice.linkCredential({ uid: title });
    const tree = await alice.getIdentityTree({ holder: alice.address });
    assert.deepEqual(tree?.credentials.map((c) => c.uid).sort(), [birth, curriculum, title].sort());
    assert.equal(tree?.holder.linkedCredentials, 3);
    assert.equal(tree?.credentials.find((c) => c.uid === title)?.issuerEntity?.kind, 'Organization');
  });

  it('keeps a revoked credential in the tree, shown as invalid', async () => {
    const bob = f.as(3);
    await bob.linkCredential({ uid: bobBirth });
    await f.as(0).revokeCredential({ commitment: commitmentOf('bob-birth') });
    const tree = await bob.getIdentityTree({ holder: bob.address });
    assert.deepEqual(
      tree?.credentials.map((c) => [c.uid, c.revoked, c.valid]),
      [[bobBirth, true, false]],
    );
  });

  it('stops a suspended holder from linking', async () => {
    const carol = f.as(5);
    const { uid } = await f.as(0).anchorCredential({ subject: carol.address, credentialType: CredentialType.Passport, commitment: commitmentOf('carol-passport') });
    await f.as(0).suspendEntity({ entity: carol.address });
    await rejectsWith(carol.linkCredential({ uid }), EntityNotActiveError, (e) => assert.deepEqual(e.args, [carol.address, EntityStatus.Suspended]));
    await f.as(0).reinstateEntity({ entity: carol.address });
    await carol.linkCredential({ uid });
    assert.equal((await carol.getIdentityTree({ holder: carol.address }))?.credentials.length, 1);
  });

  it('refuses to build a tree from a fromBlock that misses link events', async () => {
    const alice = f.as(2).address;
    const latest = await f.as(0).getBlockNumber();
    await rejectsWith(f.as(0).getIdentityTree({ holder: alice, fromBlock: latest }), IdentreeError, (e) => {
      assert.match(e.shortMessage, /do not add up to the on-chain count/);
      assert.match(e.details ?? '', /events give 0, the registry says 3/);
    });
  });

  it('fails with an IdentreeError, not a TypeError, when fromBlock is after an anchoring but before the link', async () => {
    const dave = f.as(6);
    await f.as(0).registerEntity({ entity: dave.address, kind: 'Person' });
    const { uid } = await f.as(0).anchorCredential({ subject: dave.address, credentialType: CredentialType.Passport, commitment: commitmentOf('dave-passport') });
    const { blockNumber } = await dave.linkCredential({ uid });
    // The link event is found, so the count check passes; the anchoring event, one block earlier, is not.
    await rejectsWith(f.as(0).getIdentityTree({ holder: dave.address, fromBlock: blockNumber }), IdentreeError, (e) => {
      assert.match(`${e.shortMessage} ${e.details ?? ''}`, /fromBlock/);
    });
  });
});
