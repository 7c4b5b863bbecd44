import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { getAddress, keccak256, stringToHex, type Address } from 'viem';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { InvalidParameterError } from '../errors/base.js';
import { EntityKind, type EntityKindName } from '../types.js';
import { buildIdentityBatch, type IdentityBatchEntry } from './buildIdentityBatch.js';

const accountOf = (label: string): Address => getAddress(keccak256(stringToHex(label)).slice(0, 42));
const kinds: EntityKindName[] = ['Person', 'Organization', 'Person', 'Government', 'Admin', 'Issuer'];
const entriesOf = (size: number, seed: string): IdentityBatchEntry[] =>
  Array.from({ length: size }, (_, i) => ({ account: accountOf(`${seed} ${i}`), kind: kinds[i % kinds.length] }));

describe('buildIdentityBatch', () => {
  it('equals StandardMerkleTree for the same values: root, proofs and leaves', () => {
    for (const size of [1, 2, 3, 4, 5, 7, 8, 9, 16, 17]) {
      const entries = entriesOf(size, `standard ${size}`);
      const values = entries.map((e, i) => [e.account, EntityKind[e.kind], i]);
      const reference = StandardMerkleTree.of(values, ['address', 'uint8', 'uint32']);
      const batch = buildIdentityBatch(entries);
      assert.equal(batch.root, reference.root, `root of ${size}`);
      assert.equal(batch.size, size);
      assert.equal(batch.leaves.length, 2 + 64 * size);
      for (let i = 0; i < size; i++) {
        assert.deepEqual(batch.proof(i), reference.getProof(i), `proof ${i} of ${size}`);
        assert.equal(`0x${batch.leaves.slice(2 + 64 * i, 2 + 64 * (i + 1))}`, reference.leafHash(values[i]), `leaf ${i} of ${size}`);
      }
    }
  });

  it('rejects an empty batch, an unknown kind and an index outside the batch', () => {
    assert.throws(() => buildIdentityBatch([]), InvalidParameterError);
    assert.throws(() => buildIdentityBatch([{ account: accountOf('x'), kind: 'None' }]), InvalidParameterError);
    assert.throws(() => buildIdentityBatch([{ account: '0x1234' as Address, kind: 'Person' }]), InvalidParameterError);
    const batch = buildIdentityBatch(entriesOf(3, 'range'));
    for (const index of [-1, 3, 1.5]) assert.throws(() => batch.proof(index), InvalidParameterError);
  });

  describe('against the registry', () => {
    let f: RegistryFixture;
    before(async () => (f = await registryFixture()));
    after(() => f.stop());

    it('claims every entry with its proof, for trees of several shapes', async () => {
      const gov = f.as(0);
      const relayer = f.as(7);
      for (const size of [1, 2, 3, 6]) {
        const entries = entriesOf(size, `chain ${size}`);
        const batch = buildIdentityBatch(entries);
        const { batchId } = await gov.anchorIdentityBatch({ root: batch.root, size: batch.size });
        for (const [index, { account, kind }] of entries.entries()) {
          const { tokenId } = await relayer.claimIdentity({ batchId, entity: account, kind, index, proof: batch.proof(index) });
          assert.equal(tokenId, BigInt(account));
          assert.equal((await gov.getEntity({ entity: account }))?.kind, kind);
        }
      }
    });
  });
});
