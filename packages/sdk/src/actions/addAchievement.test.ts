import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAbiParameters, keccak256, parseEventLogs, slice, type Hash, type Hex } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import {
  CredentialAlreadyRevokedError,
  CredentialNotFoundError,
  CredentialOperationNotSupportedError,
  EntityNotActiveError,
} from '../errors/registry.js';
import { InvalidParameterError } from '../errors/base.js';
import { credentialId } from '../utils/credentialId.js';
import { CredentialType, EntityStatus } from '../types.js';

describe('addAchievement', () => {
  let f: RegistryFixture;
  // 0 root, 1 a university, 2 another university, 3 alice.
  const birth = commitmentOf('alice-birth');
  const curriculum = commitmentOf('alice-curriculum');
  let curriculumUid: Hash;
  let birthUid: Hash;
  before(async () => {
    f = await registryFixture();
    const root = f.as(0);
    await root.registerEntity({ entity: f.as(1).address, kind: 'Issuer' });
    await root.registerEntity({ entity: f.as(2).address, kind: 'Issuer' });
    await root.registerEntity({ entity: f.as(3).address, kind: 'Person' });
    ({ uid: birthUid } = await root.anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.BirthCertificate, commitment: birth }));
    ({ uid: curriculumUid } = await f.as(1).anchorCredential({
      subject: f.as(3).address,
      credentialType: CredentialType.ScholarCurriculum,
      commitment: curriculum,
      source: birthUid,
    }));
  });
  after(() => f.stop());

  const achievementLog = () =>
    f.as(0).readContract({ address: f.registry, abi: identityRegistryAbi, functionName: 'achievementLog', args: [curriculumUid] });
  /** head_0 = bytes28(uid), head_n = bytes28(keccak256(abi.encode(head_{n-1}, achievement_n))). */
  const replay = (uid: Hash, achievements: Hex[]) =>
    achievements.reduce<Hex>(
      (head, a) => slice(keccak256(encodeAbiParameters([{ type: 'bytes28' }, { type: 'bytes32' }], [head, a])), 0, 28),
      slice(uid, 0, 28),
    );
  const grades = [commitmentOf('grade-1'), commitmentOf('grade-2'), commitmentOf('grade-3')];

  it('starts an appendable credential with an empty log headed by its uid', async () => {
    const [head, count] = await achievementLog();
    assert.equal(count, 0);
    assert.equal(head, slice(curriculumUid, 0, 28));
  });

  it('appends achievements with increasing indexes', async () => {
    const university = f.as(1);
    const indexes: number[] = [];
    for (const achievement of grades) {
      const { index, hash, gasUsed } = await university.addAchievement({ commitment: curriculum, achievement });
      indexes.push(index);
      assert.ok(gasUsed > 21_000n);
      const [event] = parseEventLogs({ abi: identityRegistryAbi, eventName: 'AchievementAdded', logs: (await university.getTransactionReceipt({ hash })).logs });
      assert.deepEqual(event?.args, { uid: curriculumUid, achievement, index });
    }
    assert.deepEqual(indexes, [0, 1, 2]);
  });

  it('extends the on-chain hash chain with each achievement', async () => {
    const [head, count] = await achievementLog();
    assert.equal(count, grades.length);
    assert.equal(head, replay(curriculumUid, grades));
    assert.notEqual(head, replay(curriculumUid, [grades[1]!, grades[0]!, grades[2]!]));
  });

  it('rejects a credential type that is not appendable', async () => {
    await rejectsWith(f.as(0).addAchievement({ commitment: birth, achievement: commitmentOf('nope') }), CredentialOperationNotSupportedError, (e) => {
      assert.deepEqual(e.args, [birthUid, CredentialType.BirthCertificate]);
      assert.match(e.shortMessage, /does not support this operation/);
    });
  });

  it('rejects a caller that did not issue the credential', async () => {
    const other = f.as(2);
    await rejectsWith(other.addAchievement({ commitment: curriculum, achievement: commitmentOf('forged') }), CredentialNotFoundError, (e) => {
      // The registry looks up (caller, commitment), which is not anchored.
      assert.deepEqual(e.args, [credentialId({ issuer: other.address, commitment: curriculum })]);
    });
    assert.equal((await achievementLog())[1], grades.length);
  });

  it('rejects malformed commitments before sending anything', async () => {
    const university = f.as(1);
    const nonce = await university.getTransactionCount({ address: university.address });
    await rejectsWith(university.addAchievement({ commitment: curriculum, achievement: '0xabc' }), InvalidParameterError, (e) =>
      assert.equal(e.parameter, 'achievement'),
    );
    await rejectsWith(university.addAchievement({ commitment: 'grade' as Hex, achievement: grades[0]! }), InvalidParameterError, (e) =>
      assert.equal(e.parameter, 'commitment'),
    );
    assert.equal(await university.getTransactionCount({ address: university.address }), nonce);
  });

  it('rejects a suspended issuer', async () => {
    await f.as(0).suspendEntity({ entity: f.as(1).address });
    await rejectsWith(f.as(1).addAchievement({ commitment: curriculum, achievement: commitmentOf('late') }), EntityNotActiveError, (e) =>
      assert.deepEqual(e.args, [f.as(1).address, EntityStatus.Suspended]),
    );
    await f.as(0).reinstateEntity({ entity: f.as(1).address });
  });

  it('rejects appending to a revoked credential', async () => {
    await f.as(1).revokeCredential({ commitment: curriculum });
    await rejectsWith(f.as(1).addAchievement({ commitment: curriculum, achievement: commitmentOf('after-revoke') }), CredentialAlreadyRevokedError, (e) =>
      assert.deepEqual(e.args, [curriculumUid]),
    );
    assert.equal((await achievementLog())[1], grades.length);
  });
});
