import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getAddress, keccak256, stringToHex, type Address } from 'viem';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, latestTimestamp, rejectsWith } from '../test/assertions.js';
import {
  BatchCredentialAlreadyRevokedError,
  BatchIndexOutOfRangeError,
  BatchInvalidSizeError,
  BatchNotFoundError,
  BatchNotIssuerError,
  CredentialInvalidWindowError,
  CredentialIssuerNotEntitledError,
  CredentialOperationNotSupportedError,
} from '../errors/registry.js';
import { buildCredentialBatch, type CredentialBatchEntry } from '../population/buildCredentialBatch.js';
import { CredentialType } from '../types.js';
import { isBatchCredentialValid } from './isBatchCredentialValid.js';

const accountOf = (label: string): Address => getAddress(keccak256(stringToHex(label)).slice(0, 42));
const births = (seed: string, size = 5): CredentialBatchEntry[] =>
  Array.from({ length: size }, (_, i) => ({ subject: accountOf(`${seed} ${i}`), commitment: commitmentOf(`${seed} ${i}`) }));

describe('anchorCredentialBatch, revokeBatchCredential and isBatchCredentialValid', () => {
  let f: RegistryFixture;
  // 0 root government, 1 an issuer (accredited for Diploma), 2 another issuer; 9 a verifier nobody registered.
  let diploma: number;
  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: f.as(1).address, kind: 'Issuer' });
    await f.as(0).registerEntity({ entity: f.as(2).address, kind: 'Issuer' });
    ({ credentialType: diploma } = await f.as(0).defineCredentialType({ name: 'Diploma' }));
    await f.as(0).accreditIssuer({ issuer: f.as(1).address, credentialType: diploma });
  });
  after(() => f.stop());

  const anchorBirths = async (seed: string) => {
    const entries = births(seed);
    const batch = buildCredentialBatch(entries);
    const anchored = await f.as(0).anchorCredentialBatch({
      credentialType: CredentialType.BirthCertificate, root: batch.root, size: batch.size, leaves: batch.leaves,
    });
    const check = (index: number) =>
      isBatchCredentialValid(f.chain.wallet(9), { registry: f.registry, batchId: anchored.batchId, index, ...entries[index], proof: batch.proof(index) });
    return { ...anchored, entries, batch, check };
  };

  it("certifies a government's batch and proves each member", async () => {
    const { batchId, level, batch, entries, check } = await anchorBirths('certified');
    assert.equal(level, 'GovernmentCertified');
    const stored = await f.as(9).getCredentialBatch({ batchId });
    assert.deepEqual(stored, {
      batchId, root: batch.root, issuer: f.as(0).address, credentialType: CredentialType.BirthCertificate,
      level: 'GovernmentCertified', validFrom: 0, validUntil: 2 ** 32 - 1, size: 5,
    });
    for (let i = 0; i < entries.length; i++) assert.equal(await check(i), true);
    const verifier = f.as(9);
    // Membership is of the whole entry: another subject or commitment at the same index fails.
    assert.equal(await verifier.isBatchCredentialValid({ batchId, index: 0, subject: entries[1].subject, commitment: entries[0].commitment, proof: batch.proof(0) }), false);
    assert.equal(await verifier.isBatchCredentialValid({ batchId, index: 0, subject: entries[0].subject, commitment: entries[1].commitment, proof: batch.proof(0) }), false);
    assert.equal(await verifier.isBatchCredentialValid({ batchId: batchId + 100n, index: 0, ...entries[0], proof: batch.proof(0) }), false);
    assert.equal(await verifier.getCredentialBatch({ batchId: batchId + 100n }), null);
  });

  it('revokes one credential through the bitmap and leaves the others valid', async () => {
    const { batchId, check } = await anchorBirths('revoked');
    await f.as(0).revokeBatchCredential({ batchId, index: 3 });
    assert.deepEqual(await Promise.all([0, 1, 2, 3, 4].map(check)), [true, true, true, false, true]);
  });

  it('rejects revoking twice', async () => {
    const { batchId } = await anchorBirths('twice');
    await f.as(0).revokeBatchCredential({ batchId, index: 0 });
    await rejectsWith(f.as(0).revokeBatchCredential({ batchId, index: 0 }), BatchCredentialAlreadyRevokedError, (e) => {
      assert.deepEqual(e.args, [batchId, 0n]);
      assert.match(e.shortMessage, /already revoked/);
    });
  });

  it('only lets the issuer of the batch revoke', async () => {
    const { batchId, check } = await anchorBirths('not yours');
    for (const caller of [1, 9]) {
      await rejectsWith(f.as(caller).revokeBatchCredential({ batchId, index: 1 }), BatchNotIssuerError, (e) =>
        assert.deepEqual(e.args, [f.as(caller).address, batchId]),
      );
    }
    assert.equal(await check(1), true);
  });

  it('rejects revoking in an unknown batch or outside the batch', async () => {
    const { batchId } = await anchorBirths('range');
    await rejectsWith(f.as(0).revokeBatchCredential({ batchId: 999n, index: 0 }), BatchNotFoundError);
    await rejectsWith(f.as(0).revokeBatchCredential({ batchId, index: 5 }), BatchIndexOutOfRangeError, (e) => assert.deepEqual(e.args, [batchId, 5n]));
  });

  it('rejects a birth certificate batch from an issuer that is not a government', async () => {
    const batch = buildCredentialBatch(births('not entitled'));
    await rejectsWith(
      f.as(1).anchorCredentialBatch({ credentialType: CredentialType.BirthCertificate, root: batch.root, size: batch.size }),
      CredentialIssuerNotEntitledError,
      (e) => assert.deepEqual(e.args, [f.as(1).address, CredentialType.BirthCertificate]),
    );
  });

  it('rejects batching a type that derives from a source credential', async () => {
    const batch = buildCredentialBatch(births('curricula'));
    await rejectsWith(
      f.as(0).anchorCredentialBatch({ credentialType: CredentialType.ScholarCurriculum, root: batch.root, size: batch.size }),
      CredentialOperationNotSupportedError,
      (e) => assert.equal(e.args[1], CredentialType.ScholarCurriculum),
    );
  });

  it('rejects published leaves that do not match the size', async () => {
    const batch = buildCredentialBatch(births('mismatch'));
    await rejectsWith(
      f.as(0).anchorCredentialBatch({ credentialType: CredentialType.BirthCertificate, root: batch.root, size: 4, leaves: batch.leaves }),
      BatchInvalidSizeError,
      (e) => assert.deepEqual(e.args, [4n, 160n]),
    );
  });

  it("sets the level from the issuer's standing: accredited, then uncertified", async () => {
    const batch = buildCredentialBatch(births('diplomas'));
    const accredited = await f.as(1).anchorCredentialBatch({ credentialType: diploma, root: batch.root, size: batch.size });
    const uncertified = await f.as(2).anchorCredentialBatch({ credentialType: diploma, root: batch.root, size: batch.size });
    assert.deepEqual([accredited.level, uncertified.level], ['Accredited', 'Uncertified']);
    assert.equal((await f.as(9).getCredentialBatch({ batchId: uncertified.batchId }))?.issuer, f.as(2).address);
  });

  it('keeps a batch valid only inside its window', async () => {
    const now = await latestTimestamp(f.as(0));
    const entries = births('window', 1);
    const batch = buildCredentialBatch(entries);
    const { batchId } = await f.as(0).anchorCredentialBatch({
      credentialType: CredentialType.Passport, validFrom: now + 100, validUntil: now + 200, root: batch.root, size: 1,
    });
    const valid = () => f.as(9).isBatchCredentialValid({ batchId, index: 0, ...entries[0], proof: batch.proof(0) });
    assert.equal(await valid(), false);
    await f.chain.test.increaseTime({ seconds: 150 });
    await f.chain.test.mine({ blocks: 1 });
    assert.equal(await valid(), true);
    await f.chain.test.increaseTime({ seconds: 100 });
    await f.chain.test.mine({ blocks: 1 });
    assert.equal(await valid(), false);
    await rejectsWith(
      f.as(0).anchorCredentialBatch({ credentialType: CredentialType.Passport, validUntil: now, root: batch.root, size: 1 }),
      CredentialInvalidWindowError,
    );
  });
});
