import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zeroAddress, type Address } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import {
  CredentialAccreditationNotOwnedError,
  CredentialAccreditorNotGovernmentError,
  CredentialNotAnIssuerError,
  CredentialTypeUnknownError,
} from '../errors/registry.js';
import { CertificationLevel, CredentialType } from '../types.js';

describe('accreditIssuer and revokeAccreditation', () => {
  let f: RegistryFixture;
  // 0 root, 1 and 2 governments, 3 a university (issuer), 4 a person, 5 an admin, 6 a car agency (organization).
  before(async () => {
    f = await registryFixture();
    const root = f.as(0);
    await root.registerEntity({ entity: f.as(1).address, kind: 'Government' });
    await root.registerEntity({ entity: f.as(2).address, kind: 'Government' });
    await root.registerEntity({ entity: f.as(3).address, kind: 'Issuer' });
    await root.registerEntity({ entity: f.as(4).address, kind: 'Person' });
    await root.registerEntity({ entity: f.as(5).address, kind: 'Admin' });
    await root.registerEntity({ entity: f.as(6).address, kind: 'Organization' });
  });
  after(() => f.stop());

  const accreditationOf = (issuer: Address, credentialType: number) =>
    f.as(0).readContract({ address: f.registry, abi: identityRegistryAbi, functionName: 'accreditationOf', args: [issuer, credentialType] });
  const levelOf = (issuer: Address, credentialType: number) =>
    f.as(0).readContract({ address: f.registry, abi: identityRegistryAbi, functionName: 'certificationLevelOf', args: [issuer, credentialType] });
  /** Anchors a fresh car title for the person and returns the level the registry gave it. */
  let serial = 0;
  const anchorTitle = async (issuer: number) => {
    const { uid } = await f.as(issuer).anchorCredential({
      subject: f.as(4).address,
      credentialType: CredentialType.CarTitle,
      commitment: commitmentOf(`title-${serial++}`),
    });
    return { uid, level: (await f.as(0).getCredential({ uid }))!.level };
  };

  it('raises an issuer from Uncertified to Accredited for that type', async () => {
    const university = f.as(3).address;
    assert.equal(await levelOf(university, CredentialType.ScholarCurriculum), CertificationLevel.Uncertified);
    const { gasUsed } = await f.as(1).accreditIssuer({ issuer: university, credentialType: CredentialType.ScholarCurriculum });
    assert.ok(gasUsed > 21_000n);
    assert.equal(await accreditationOf(university, CredentialType.ScholarCurriculum), f.as(1).address);
    assert.equal(await levelOf(university, CredentialType.ScholarCurriculum), CertificationLevel.Accredited);
    // Accreditation is per type.
    assert.equal(await levelOf(university, CredentialType.CarTitle), CertificationLevel.Uncertified);
    assert.equal(await accreditationOf(university, CredentialType.CarTitle), zeroAddress);
  });

  it('gives credentials anchored after accreditation the Accredited level', async () => {
    assert.equal((await anchorTitle(6)).level, 'Uncertified');
    await f.as(2).accreditIssuer({ issuer: f.as(6).address, credentialType: CredentialType.CarTitle });
    assert.equal((await anchorTitle(6)).level, 'Accredited');
  });

  it('only lets an active government accredit', async () => {
    for (const caller of [5, 3, 4, 9]) {
      await rejectsWith(
        f.as(caller).accreditIssuer({ issuer: f.as(3).address, credentialType: CredentialType.CarTitle }),
        CredentialAccreditorNotGovernmentError,
        (e) => assert.deepEqual(e.args, [f.as(caller).address]),
      );
    }
    await f.as(0).suspendEntity({ entity: f.as(2).address });
    await rejectsWith(f.as(2).accreditIssuer({ issuer: f.as(3).address, credentialType: CredentialType.CarTitle }), CredentialAccreditorNotGovernmentError);
    await f.as(0).reinstateEntity({ entity: f.as(2).address });
  });

  it('only accredits active entities of an issuing kind', async () => {
    await rejectsWith(f.as(1).accreditIssuer({ issuer: f.as(4).address, credentialType: CredentialType.CarTitle }), CredentialNotAnIssuerError, (e) => {
      assert.deepEqual(e.args, [f.as(4).address]);
      assert.match(e.shortMessage, /not an active entity of a kind that issues/);
    });
    await rejectsWith(f.as(1).accreditIssuer({ issuer: f.as(5).address, credentialType: CredentialType.CarTitle }), CredentialNotAnIssuerError);
    await rejectsWith(f.as(1).accreditIssuer({ issuer: f.as(9).address, credentialType: CredentialType.CarTitle }), CredentialNotAnIssuerError);
  });

  it('rejects an undefined credential type', async () => {
    await rejectsWith(f.as(1).accreditIssuer({ issuer: f.as(3).address, credentialType: 77 }), CredentialTypeUnknownError, (e) => {
      assert.deepEqual(e.args, [77]);
    });
  });

  it('counts an accreditation only while the accrediting government stands', async () => {
    const agency = f.as(6).address; // accredited for car titles by government 2
    await f.as(0).suspendEntity({ entity: f.as(2).address });
    assert.equal(await levelOf(agency, CredentialType.CarTitle), CertificationLevel.Uncertified);
    assert.equal((await anchorTitle(6)).level, 'Uncertified');
    await f.as(0).reinstateEntity({ entity: f.as(2).address });
    assert.equal(await levelOf(agency, CredentialType.CarTitle), CertificationLevel.Accredited);
  });

  it('lets only the accrediting government or root revoke an accreditation', async () => {
    const university = f.as(3).address;
    await rejectsWith(
      f.as(2).revokeAccreditation({ issuer: university, credentialType: CredentialType.ScholarCurriculum }),
      CredentialAccreditationNotOwnedError,
      (e) => {
        assert.deepEqual(e.args, [f.as(2).address, university, CredentialType.ScholarCurriculum]);
        assert.match(e.shortMessage, /did not accredit/);
      },
    );
    await f.as(1).revokeAccreditation({ issuer: university, credentialType: CredentialType.ScholarCurriculum });
    assert.equal(await accreditationOf(university, CredentialType.ScholarCurriculum), zeroAddress);
    assert.equal(await levelOf(university, CredentialType.ScholarCurriculum), CertificationLevel.Uncertified);
  });

  it('lets root revoke an accreditation it did not grant, without touching earlier credentials', async () => {
    const agency = f.as(6).address;
    const before = await anchorTitle(6);
    assert.equal(before.level, 'Accredited');
    await f.as(0).revokeAccreditation({ issuer: agency, credentialType: CredentialType.CarTitle });
    assert.equal(await accreditationOf(agency, CredentialType.CarTitle), zeroAddress);
    assert.equal((await anchorTitle(6)).level, 'Uncertified');
    // The level is fixed at issuance.
    assert.equal((await f.as(0).getCredential({ uid: before.uid }))?.level, 'Accredited');
  });

  it('rejects revoking an accreditation that does not exist, even for root', async () => {
    await rejectsWith(
      f.as(0).revokeAccreditation({ issuer: f.as(6).address, credentialType: CredentialType.CarTitle }),
      CredentialAccreditationNotOwnedError,
      (e) => assert.deepEqual(e.args, [f.as(0).address, f.as(6).address, CredentialType.CarTitle]),
    );
  });
});
