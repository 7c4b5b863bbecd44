import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEventLogs, zeroAddress, zeroHash, type Hash } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, latestTimestamp, rejectsWith } from '../test/assertions.js';
import {
  CredentialAlreadyAnchoredError,
  CredentialEmptyCommitmentError,
  CredentialInvalidParentError,
  CredentialInvalidSourceError,
  CredentialInvalidWindowError,
  CredentialIssuerNotEntitledError,
  CredentialNotAnIssuerError,
  CredentialOperationNotSupportedError,
  CredentialTypeUnknownError,
  EntityNotActiveError,
  EntityNotRegisteredError,
} from '../errors/registry.js';
import { InvalidParameterError } from '../errors/base.js';
import { credentialId } from '../utils/credentialId.js';
import { NO_EXPIRY } from '../utils/timestamp.js';
import { CredentialType, EntityStatus } from '../types.js';

describe('anchorCredential', () => {
  let f: RegistryFixture;
  // 0 root government, 1 an accredited university, 2 an unaccredited issuer, 3 alice, 4 her father, 5 her mother,
  // 6 bob, 7 an issuer that gets suspended, 8 an organization, 9 unregistered.
  let aliceBirth: Hash;
  let bobBirth: Hash;
  before(async () => {
    f = await registryFixture();
    const root = f.as(0);
    await root.registerEntity({ entity: f.as(1).address, kind: 'Issuer' });
    await root.registerEntity({ entity: f.as(2).address, kind: 'Issuer' });
    for (const i of [3, 4, 5, 6]) await root.registerEntity({ entity: f.as(i).address, kind: 'Person' });
    await root.registerEntity({ entity: f.as(7).address, kind: 'Issuer' });
    await root.registerEntity({ entity: f.as(8).address, kind: 'Organization' });
    await root.accreditIssuer({ issuer: f.as(1).address, credentialType: CredentialType.ScholarCurriculum });
    ({ uid: bobBirth } = await root.anchorCredential({ subject: f.as(6).address, credentialType: CredentialType.BirthCertificate, commitment: commitmentOf('bob-birth') }));
  });
  after(() => f.stop());

  const events = async (hash: Hash) => parseEventLogs({ abi: identityRegistryAbi, logs: (await f.as(0).getTransactionReceipt({ hash })).logs });

  it('anchors a birth certificate with parents at the GovernmentCertified level', async () => {
    const root = f.as(0);
    const alice = f.as(3).address;
    const commitment = commitmentOf('alice-birth');
    const { uid, hash, gasUsed } = await root.anchorCredential({
      subject: alice,
      credentialType: CredentialType.BirthCertificate,
      commitment,
      parents: { father: f.as(4).address, mother: f.as(5).address },
    });
    aliceBirth = uid;
    assert.ok(gasUsed > 21_000n);
    const credential = await root.getCredential({ uid });
    assert.equal(credential?.level, 'GovernmentCertified');
    assert.equal(credential?.subject, alice);
    const parents = (await events(hash)).find((e) => e.eventName === 'ParentsLinked');
    assert.deepEqual(parents?.args, { uid, father: f.as(4).address, mother: f.as(5).address });
  });

  it('returns the uid the registry computes from (issuer, commitment)', async () => {
    const root = f.as(0);
    const commitment = commitmentOf('alice-birth');
    assert.equal(aliceBirth, credentialId({ issuer: root.address, commitment }));
    const onChain = await root.readContract({ address: f.registry, abi: identityRegistryAbi, functionName: 'credentialId', args: [root.address, commitment] });
    assert.equal(aliceBirth, onChain);
  });

  it('gives an accredited issuer the Accredited level', async () => {
    const { uid, hash } = await f.as(1).anchorCredential({
      subject: f.as(3).address,
      credentialType: CredentialType.ScholarCurriculum,
      commitment: commitmentOf('alice-curriculum'),
      source: aliceBirth,
    });
    assert.equal((await f.as(0).getCredential({ uid }))?.level, 'Accredited');
    const derived = (await events(hash)).find((e) => e.eventName === 'CredentialDerived');
    assert.deepEqual(derived?.args, { uid, source: aliceBirth });
  });

  it('gives a registered but unaccredited issuer the Uncertified level', async () => {
    const { uid } = await f.as(2).anchorCredential({
      subject: f.as(3).address,
      credentialType: CredentialType.ScholarCurriculum,
      commitment: commitmentOf('alice-curriculum-2'),
      source: aliceBirth,
    });
    assert.equal((await f.as(0).getCredential({ uid }))?.level, 'Uncertified');
    // Organizations issue too.
    const title = await f.as(8).anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('title') });
    assert.equal((await f.as(0).getCredential({ uid: title.uid }))?.level, 'Uncertified');
  });

  it('rejects an unregistered issuer', async () => {
    await rejectsWith(
      f.as(9).anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('x') }),
      EntityNotRegisteredError,
      (e) => assert.deepEqual(e.args, [f.as(9).address]),
    );
  });

  it('rejects a suspended issuer', async () => {
    await f.as(0).suspendEntity({ entity: f.as(7).address });
    await rejectsWith(
      f.as(7).anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('y') }),
      EntityNotActiveError,
      (e) => {
        assert.deepEqual(e.args, [f.as(7).address, EntityStatus.Suspended]);
        assert.match(e.shortMessage, /Suspended, not active/);
      },
    );
  });

  it('rejects a person as issuer', async () => {
    await rejectsWith(
      f.as(6).anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('z') }),
      CredentialNotAnIssuerError,
      (e) => assert.deepEqual(e.args, [f.as(6).address]),
    );
  });

  it('keeps government-only types to governments, accreditation or not', async () => {
    const university = f.as(1);
    await rejectsWith(
      university.anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.Passport, commitment: commitmentOf('passport') }),
      CredentialIssuerNotEntitledError,
      (e) => {
        assert.deepEqual(e.args, [university.address, CredentialType.Passport]);
        assert.match(e.shortMessage, /not entitled to issue credentials of type 3/);
      },
    );
    await f.as(0).accreditIssuer({ issuer: university.address, credentialType: CredentialType.Passport });
    await rejectsWith(
      university.anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.Passport, commitment: commitmentOf('passport') }),
      CredentialIssuerNotEntitledError,
    );
  });

  it('only lets a government link parents', async () => {
    await rejectsWith(
      f.as(1).anchorCredential({
        subject: f.as(6).address,
        credentialType: CredentialType.BirthCertificate,
        commitment: commitmentOf('fake-birth'),
        parents: { father: f.as(4).address },
      }),
      CredentialIssuerNotEntitledError,
      (e) => assert.deepEqual(e.args, [f.as(1).address, CredentialType.BirthCertificate]),
    );
  });

  it('rejects parents that are not people, are the subject, or are the same account', async () => {
    const root = f.as(0);
    const subject = f.as(6).address;
    const anchor = (parents: { father?: `0x${string}`; mother?: `0x${string}` }) =>
      root.anchorCredential({ subject, credentialType: CredentialType.BirthCertificate, commitment: commitmentOf('bob-birth-2'), parents });
    await rejectsWith(anchor({ father: f.as(8).address }), CredentialInvalidParentError, (e) => assert.deepEqual(e.args, [f.as(8).address, subject]));
    await rejectsWith(anchor({ mother: subject }), CredentialInvalidParentError, (e) => assert.deepEqual(e.args, [subject, subject]));
    await rejectsWith(anchor({ father: f.as(9).address }), CredentialInvalidParentError);
    await rejectsWith(anchor({ father: f.as(4).address, mother: f.as(4).address }), CredentialInvalidParentError, (e) =>
      assert.deepEqual(e.args, [f.as(4).address, subject]),
    );
  });

  it('rejects parents on a type without parent links', async () => {
    await rejectsWith(
      f.as(0).anchorCredential({
        subject: f.as(3).address,
        credentialType: CredentialType.Passport,
        commitment: commitmentOf('passport-with-parents'),
        parents: { mother: f.as(5).address },
      }),
      CredentialOperationNotSupportedError,
      (e) => assert.deepEqual(e.args, [zeroHash, CredentialType.Passport]),
    );
  });

  it('rejects a curriculum without its birth certificate', async () => {
    const alice = f.as(3).address;
    await rejectsWith(
      f.as(1).anchorCredential({ subject: alice, credentialType: CredentialType.ScholarCurriculum, commitment: commitmentOf('no-source') }),
      CredentialInvalidSourceError,
      (e) => {
        assert.deepEqual(e.args, [zeroHash, CredentialType.BirthCertificate, alice]);
        assert.match(e.shortMessage, /is not a valid credential of type 1 held by/);
      },
    );
  });

  it("rejects a curriculum whose source is someone else's, of the wrong type, or revoked", async () => {
    const root = f.as(0);
    const alice = f.as(3).address;
    const curriculum = (source: Hash, label: string) =>
      f.as(1).anchorCredential({ subject: alice, credentialType: CredentialType.ScholarCurriculum, commitment: commitmentOf(label), source });
    await rejectsWith(curriculum(bobBirth, 'bobs-source'), CredentialInvalidSourceError, (e) =>
      assert.deepEqual(e.args, [bobBirth, CredentialType.BirthCertificate, alice]),
    );
    const { uid: passport } = await root.anchorCredential({ subject: alice, credentialType: CredentialType.Passport, commitment: commitmentOf('alice-passport') });
    await rejectsWith(curriculum(passport, 'passport-source'), CredentialInvalidSourceError);
    await rejectsWith(curriculum(commitmentOf('nothing anchored here'), 'unknown-source'), CredentialInvalidSourceError);

    const { uid: secondBirth } = await root.anchorCredential({ subject: alice, credentialType: CredentialType.BirthCertificate, commitment: commitmentOf('alice-birth-revoked') });
    await root.revokeCredential({ commitment: commitmentOf('alice-birth-revoked') });
    await rejectsWith(curriculum(secondBirth, 'revoked-source'), CredentialInvalidSourceError);
  });

  it('rejects an empty or already-over validity window', async () => {
    const anchor = (validFrom: number, validUntil: number) =>
      f.as(2).anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('window'), validFrom, validUntil });
    const now = await latestTimestamp(f.as(0));
    await rejectsWith(anchor(now + 2000, now + 1000), CredentialInvalidWindowError, (e) => {
      assert.deepEqual(e.args, [now + 2000, now + 1000]);
      assert.match(e.shortMessage, /empty or already over/);
    });
    await rejectsWith(anchor(now + 1000, now + 1000), CredentialInvalidWindowError);
    await rejectsWith(anchor(0, now - 10), CredentialInvalidWindowError, (e) => assert.deepEqual(e.args, [0, now - 10]));
  });

  it('rejects out-of-range times and malformed commitments before sending anything', async () => {
    const issuer = f.as(2);
    const nonce = await issuer.getTransactionCount({ address: issuer.address });
    const base = { subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('range') };
    await rejectsWith(issuer.anchorCredential({ ...base, validUntil: 2 ** 32 }), InvalidParameterError, (e) => {
      assert.equal(e.parameter, 'validUntil');
      assert.match(e.shortMessage, /between 0 and 4294967295/);
    });
    await rejectsWith(issuer.anchorCredential({ ...base, validUntil: new Date('2200-01-01T00:00:00Z') }), InvalidParameterError, (e) =>
      assert.equal(e.parameter, 'validUntil'),
    );
    await rejectsWith(issuer.anchorCredential({ ...base, validUntil: 1.5e9 + 0.5 }), InvalidParameterError);
    await rejectsWith(issuer.anchorCredential({ ...base, validFrom: -1 }), InvalidParameterError, (e) => assert.equal(e.parameter, 'validFrom'));
    await rejectsWith(issuer.anchorCredential({ ...base, commitment: '0x1234' }), InvalidParameterError, (e) => assert.equal(e.parameter, 'commitment'));
    assert.equal(await issuer.getTransactionCount({ address: issuer.address }), nonce);
  });

  it('rejects a zero commitment', async () => {
    await rejectsWith(
      f.as(2).anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment: zeroHash }),
      CredentialEmptyCommitmentError,
    );
  });

  it('rejects an undefined type and a subject that is not an active entity', async () => {
    const issuer = f.as(2);
    await rejectsWith(issuer.anchorCredential({ subject: f.as(3).address, credentialType: 42, commitment: commitmentOf('t') }), CredentialTypeUnknownError, (e) =>
      assert.deepEqual(e.args, [42]),
    );
    await rejectsWith(
      issuer.anchorCredential({ subject: f.as(9).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('s') }),
      EntityNotRegisteredError,
      (e) => assert.deepEqual(e.args, [f.as(9).address]),
    );
    await rejectsWith(
      issuer.anchorCredential({ subject: f.as(7).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('s') }),
      EntityNotActiveError,
      (e) => assert.deepEqual(e.args, [f.as(7).address, EntityStatus.Suspended]),
    );
  });

  it('rejects anchoring the same commitment twice, but another issuer may anchor it', async () => {
    const commitment = commitmentOf('duplicate');
    const first = await f.as(2).anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment });
    await rejectsWith(
      f.as(2).anchorCredential({ subject: f.as(6).address, credentialType: CredentialType.CarTitle, commitment }),
      CredentialAlreadyAnchoredError,
      (e) => {
        assert.deepEqual(e.args, [first.uid]);
        assert.match(e.shortMessage, /is already anchored/);
      },
    );
    const second = await f.as(8).anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment });
    assert.notEqual(second.uid, first.uid);
    assert.equal(second.uid, credentialId({ issuer: f.as(8).address, commitment }));
  });

  it('stores Date windows as whole seconds and defaults to no expiry', async () => {
    const issuer = f.as(2);
    const from = new Date('2020-02-03T04:05:06.789Z');
    const until = new Date('2099-12-31T23:59:59.999Z');
    const dated = await issuer.anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('dated'), validFrom: from, validUntil: until });
    const credential = await issuer.getCredential({ uid: dated.uid });
    assert.deepEqual([credential?.validFrom, credential?.validUntil], [Math.floor(from.getTime() / 1000), Math.floor(until.getTime() / 1000)]);

    const open = await issuer.anchorCredential({ subject: f.as(3).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('open') });
    const openCredential = await issuer.getCredential({ uid: open.uid });
    assert.deepEqual([openCredential?.validFrom, openCredential?.validUntil], [0, NO_EXPIRY]);
  });

  it('anchors a birth certificate with unknown parents as zero', async () => {
    const { uid, hash } = await f.as(0).anchorCredential({
      subject: f.as(5).address,
      credentialType: CredentialType.BirthCertificate,
      commitment: commitmentOf('mother-birth'),
      parents: {},
    });
    const parents = (await events(hash)).find((e) => e.eventName === 'ParentsLinked');
    assert.deepEqual(parents?.args, { uid, father: zeroAddress, mother: zeroAddress });
  });
});
