import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import { IdentreeError } from '../errors/base.js';
import { getCredential } from './getCredential.js';
import { credentialId } from '../utils/credentialId.js';
import { NO_EXPIRY } from '../utils/timestamp.js';
import { CredentialType } from '../types.js';

describe('getCredential', () => {
  let f: RegistryFixture;
  // 0 root, 1 a car agency (organization), 2 alice.
  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: f.as(1).address, kind: 'Organization' });
    await f.as(0).registerEntity({ entity: f.as(2).address, kind: 'Person' });
  });
  after(() => f.stop());

  it('returns the record with its issuer, commitment, type name, level and validity', async () => {
    const gov = f.as(0);
    const commitment = commitmentOf('alice-birth');
    const { uid, hash, blockNumber } = await gov.anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.BirthCertificate, commitment });
    const credential = await gov.getCredential({ uid });
    assert.ok(credential);
    const { anchoredAt, ...rest } = credential;
    assert.deepEqual(rest, {
      uid,
      issuer: gov.address,
      commitment,
      subject: f.as(2).address,
      credentialType: CredentialType.BirthCertificate,
      typeName: 'BirthCertificate',
      validFrom: 0,
      validUntil: NO_EXPIRY,
      level: 'GovernmentCertified',
      revoked: false,
      linked: false,
      valid: true,
    });
    assert.equal(anchoredAt.transactionHash, hash);
    assert.equal(anchoredAt.blockNumber, blockNumber);
    assert.equal(typeof anchoredAt.logIndex, 'number');
    // A verifier holding (issuer, commitment) finds the same record.
    assert.equal(credentialId({ issuer: credential.issuer, commitment: credential.commitment }), uid);
  });

  it('names every built-in type', async () => {
    const agency = f.as(1);
    const { uid } = await agency.anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf('title') });
    const credential = await getCredential(f.chain.wallet(12), { registry: f.registry, uid });
    assert.deepEqual([credential?.typeName, credential?.issuer, credential?.level], ['CarTitle', agency.address, 'Uncertified']);
    const { uid: passport } = await f.as(0).anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.Passport, commitment: commitmentOf('passport') });
    assert.equal((await f.as(0).getCredential({ uid: passport }))?.typeName, 'Passport');
  });

  it('reflects linking and revocation', async () => {
    const gov = f.as(0);
    const commitment = commitmentOf('linked-passport');
    const { uid } = await gov.anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.Passport, commitment });
    await f.as(2).linkCredential({ uid });
    assert.equal((await gov.getCredential({ uid }))?.linked, true);
    await gov.revokeCredential({ commitment });
    const credential = await gov.getCredential({ uid });
    assert.deepEqual([credential?.linked, credential?.revoked, credential?.valid], [true, true, false]);
  });

  it('does not report an anchored credential as missing when fromBlock is past its anchoring', async () => {
    const gov = f.as(0);
    const { uid, blockNumber } = await gov.anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.Passport, commitment: commitmentOf('late-reader') });
    assert.equal((await gov.getCredential({ uid, fromBlock: blockNumber }))?.uid, uid);
    await f.chain.test.mine({ blocks: 1 });
    // The record exists on chain, so `null` ("nothing is anchored under uid") would be wrong; the
    // missing anchoring event must surface as an SDK error that points at fromBlock.
    const outcome = await gov.getCredential({ uid, fromBlock: blockNumber + 1n }).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    assert.ok('error' in outcome, `resolved to ${JSON.stringify('value' in outcome && outcome.value)} for a credential the registry holds`);
    assert.ok(outcome.error instanceof IdentreeError, `expected an IdentreeError, got ${outcome.error}`);
    assert.match(`${outcome.error.shortMessage} ${outcome.error.details ?? ''}`, /fromBlock/);
  });

  it('reports a failing event query as an SDK error, like every other failure', async () => {
    const gov = f.as(0);
    const { uid } = await gov.anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.Passport, commitment: commitmentOf('bad-range') });
    // A log query the node refuses (here a range past the head; on hosted RPCs, a range too long).
    const fromBlock = (await gov.getBlockNumber()) + 1_000n;
    await rejectsWith(gov.getCredential({ uid, fromBlock }), IdentreeError, (e) => assert.ok(e.cause instanceof Error));
  });

  it('returns null for an unknown uid', async () => {
    assert.equal(await f.as(0).getCredential({ uid: commitmentOf('nothing here') }), null);
    // The uid a wrong issuer would give is unknown too.
    assert.equal(await f.as(0).getCredential({ uid: credentialId({ issuer: f.as(1).address, commitment: commitmentOf('alice-birth') }) }), null);
  });
});
