import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { getAddress, keccak256, stringToHex, type Address } from 'viem';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf } from '../test/assertions.js';
import { InvalidParameterError } from '../errors/base.js';
import { CredentialType } from '../types.js';
import { buildCredentialBatch, type CredentialBatchEntry } from './buildCredentialBatch.js';

const accountOf = (label: string): Address => getAddress(keccak256(stringToHex(label)).slice(0, 42));
const entriesOf = (size: number, seed: string): CredentialBatchEntry[] =>
  Array.from({ length: size }, (_, i) => ({ subject: accountOf(`${seed} ${i}`), commitment: commitmentOf(`${seed} commitment ${i}`) }));

describe('buildCredentialBatch', () => {
  it('equals StandardMerkleTree for the same values: root, proofs and leaves', () => {
    for (const size of [1, 2, 3, 4, 5, 7, 8, 9, 16, 17]) {
      const entries = entriesOf(size, `standard ${size}`);
      const values = entries.map((e, i) => [i, e.subject, e.commitment]);
      const reference = StandardMerkleTree.of(values, ['uint32', 'address', 'bytes32']);
      const batch = buildCredentialBatch(entries);
      assert.equal(batch.root, reference.root, `root of ${size}`);
      for (let i = 0; i < size; i++) {
        assert.deepEqual(batch.proof(i), reference.getProof(i), `proof ${i} of ${size}`);
        assert.equal(`0x${batch.leaves.slice(2 + 64 * i, 2 + 64 * (i + 1))}`, reference.leafHash(values[i]), `leaf ${i} of ${size}`);
      }
    }
  });

  it('rejects a commitment that is not 32 bytes', () => {
    assert.throws(() => buildCredentialBatch([{ subject: accountOf('x'), commitment: '0x1234' }]), InvalidParameterError);
  });

  describe('against the registry', () => {
    let f: RegistryFixture;
    before(async () => (f = await registryFixture()));
    after(() => f.stop());

    it('proves every entry, and no entry at another index, for trees of several shapes', async () => {
      const gov = f.as(0);
      const verifier = f.as(9);
      for (const size of [1, 2, 3, 5, 8, 13]) {
        const entries = entriesOf(size, `chain ${size}`);
        const batch = buildCredentialBatch(entries);
        const { batchId } = await gov.anchorCredentialBatch({ credentialType: CredentialType.BirthCertificate, root: batch.root, size: batch.size });
        for (const [index, { subject, commitment }] of entries.entries()) {
          assert.equal(await verifier.isBatchCredentialValid({ batchId, index, subject, commitment, proof: batch.proof(index) }), true, `${index} of ${size}`);
          if (size > 1) {
            const other = (index + 1) % size;
            assert.equal(await verifier.isBatchCredentialValid({ batchId, index: other, subject, commitment, proof: batch.proof(other) }), false);
          }
        }
      }
    });
  });
});
