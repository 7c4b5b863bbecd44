import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zeroAddress, type Address } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf } from '../test/assertions.js';
import { sendPrepared } from '../test/sendPrepared.js';
import { InvalidParameterError } from '../errors/base.js';
import { credentialId } from '../utils/credentialId.js';
import { CredentialType } from '../types.js';
import { prepareRegisterEntity } from './prepareRegisterEntity.js';
import { prepareDefineCredentialType } from './prepareDefineCredentialType.js';
import { prepareAccreditIssuer } from './prepareAccreditIssuer.js';
import { prepareRevokeAccreditation } from './prepareRevokeAccreditation.js';
import { prepareAnchorCredential } from './prepareAnchorCredential.js';
import { prepareAnchorBirthCertificate } from './prepareAnchorBirthCertificate.js';
import { prepareRevokeCredential } from './prepareRevokeCredential.js';
import { prepareAddAchievement } from './prepareAddAchievement.js';
import { prepareRequestCredentialTransfer } from './prepareRequestCredentialTransfer.js';
import { prepareApproveCredentialTransfer } from './prepareApproveCredentialTransfer.js';

describe('prepared issuer and credential writes, sent by a plain viem wallet', () => {
  let f: RegistryFixture;
  let registry: Address;
  // 0 root, 1 a university, 2 a car agency, 3 alice, 4 her father, 5 her mother, 6 bob.
  const wallet = (i: number) => f.chain.wallet(i);
  const address = (i: number) => f.as(i).address;
  before(async () => {
    f = await registryFixture();
    registry = f.registry;
    await sendPrepared(wallet(0), prepareRegisterEntity({ registry, entity: address(1), kind: 'Issuer' }));
    await sendPrepared(wallet(0), prepareRegisterEntity({ registry, entity: address(2), kind: 'Organization' }));
    for (const i of [3, 4, 5, 6]) await sendPrepared(wallet(0), prepareRegisterEntity({ registry, entity: address(i), kind: 'Person' }));
  });
  after(() => f.stop());
  const accreditationOf = (issuer: Address, credentialType: number) =>
    f.as(0).readContract({ address: registry, abi: identityRegistryAbi, functionName: 'accreditationOf', args: [issuer, credentialType] });

  it('defines a credential type with the prepared call', async () => {
    const count = await f.as(0).readContract({ address: registry, abi: identityRegistryAbi, functionName: 'credentialTypeCount' });
    await sendPrepared(wallet(0), prepareDefineCredentialType({ registry, name: 'Diploma', rules: { sourceType: CredentialType.BirthCertificate } }));
    assert.equal(await f.as(0).getCredentialTypeName({ credentialType: Number(count) + 1 }), 'Diploma');
  });

  it('accredits an issuer and withdraws the accreditation with the prepared calls', async () => {
    await sendPrepared(wallet(0), prepareAccreditIssuer({ registry, issuer: address(1), credentialType: CredentialType.Passport }));
    assert.equal(await accreditationOf(address(1), CredentialType.Passport), address(0));
    await sendPrepared(wallet(0), prepareRevokeAccreditation({ registry, issuer: address(1), credentialType: CredentialType.Passport }));
    assert.equal(await accreditationOf(address(1), CredentialType.Passport), zeroAddress);
  });

  it('anchors a birth certificate with parents, a curriculum from it, and appends an achievement', async () => {
    const birth = commitmentOf('prepared-birth');
    await sendPrepared(wallet(0), prepareAnchorBirthCertificate({
      registry,
      subject: address(3),
      credentialType: CredentialType.BirthCertificate,
      commitment: birth,
      parents: { father: address(4), mother: address(5) },
    }));
    const birthUid = credentialId({ issuer: address(0), commitment: birth });
    assert.deepEqual(await f.as(0).getParents({ uid: birthUid }), { father: address(4), mother: address(5) });

    const curriculum = commitmentOf('prepared-curriculum');
    await sendPrepared(wallet(1), prepareAnchorCredential({
      registry,
      subject: address(3),
      credentialType: CredentialType.ScholarCurriculum,
      commitment: curriculum,
      source: birthUid,
    }));
    const curriculumUid = credentialId({ issuer: address(1), commitment: curriculum });
    const anchored = await f.as(0).getCredential({ uid: curriculumUid });
    assert.deepEqual([anchored?.subject, anchored?.credentialType, anchored?.valid], [address(3), CredentialType.ScholarCurriculum, true]);

    const grade = commitmentOf('prepared-grade');
    await sendPrepared(wallet(1), prepareAddAchievement({ registry, commitment: curriculum, achievement: grade }));
    assert.deepEqual((await f.as(0).getAchievements({ uid: curriculumUid })).achievements, [grade]);
  });

  it('revokes a credential with the prepared call', async () => {
    const passport = commitmentOf('prepared-passport');
    await sendPrepared(wallet(0), prepareAnchorCredential({ registry, subject: address(6), credentialType: CredentialType.Passport, commitment: passport }));
    await sendPrepared(wallet(0), prepareRevokeCredential({ registry, commitment: passport }));
    const revoked = await f.as(0).getCredential({ uid: credentialId({ issuer: address(0), commitment: passport }) });
    assert.deepEqual([revoked?.revoked, revoked?.valid], [true, false]);
  });

  it('moves a car title to the buyer with a prepared request and a prepared approval', async () => {
    await sendPrepared(wallet(0), prepareAccreditIssuer({ registry, issuer: address(2), credentialType: CredentialType.CarTitle }));
    const title = commitmentOf('prepared-title');
    await sendPrepared(wallet(2), prepareAnchorCredential({ registry, subject: address(3), credentialType: CredentialType.CarTitle, commitment: title }));
    const uid = credentialId({ issuer: address(2), commitment: title });
    await sendPrepared(wallet(3), prepareRequestCredentialTransfer({ registry, uid, to: address(6) }));
    await sendPrepared(wallet(2), prepareApproveCredentialTransfer({ registry, commitment: title, to: address(6) }));
    assert.deepEqual((await f.as(0).getCredentialHistory({ uid })).map((o) => o.owner), [address(3), address(6)]);
  });

  it('rejects malformed input before encoding anything', () => {
    assert.throws(() => prepareAnchorCredential({ registry, subject: address(3), credentialType: 3, commitment: '0x1234' }), InvalidParameterError);
    assert.throws(() => prepareAnchorCredential({ registry, subject: address(3), credentialType: 3, commitment: commitmentOf('x'), validUntil: -1 }), InvalidParameterError);
    assert.throws(() => prepareDefineCredentialType({ registry, name: 'x'.repeat(32) }), InvalidParameterError);
    assert.throws(() => prepareAddAchievement({ registry, commitment: commitmentOf('x'), achievement: '0x' }), InvalidParameterError);
    assert.throws(() => prepareRevokeCredential({ registry, commitment: '0xabc' }), InvalidParameterError);
  });
});
