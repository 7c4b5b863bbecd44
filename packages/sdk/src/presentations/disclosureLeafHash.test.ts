import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { standardLeafHash, standardNodeHash } from '@openzeppelin/merkle-tree/dist/hashes.js';
import { commitAttributes } from '../credentials/commitAttributes.js';
import { disclosureLeafHash, hashPair } from './disclosureLeafHash.js';

describe('disclosureLeafHash', () => {
  it('equals StandardMerkleTree\'s leaf for the same attribute', () => {
    const { attributes } = commitAttributes({ givenName: 'Ana', note: 'ünïcödé ✓', empty: '' });
    for (const a of attributes) assert.equal(disclosureLeafHash(a), standardLeafHash(['string', 'string', 'bytes32'], [a.name, a.value, a.salt]));
  });

  it('hashes pairs in sorted order as StandardMerkleTree does', () => {
    const a = `0x${'01'.repeat(32)}`;
    const b = `0x${'ff'.repeat(32)}`;
    assert.equal(hashPair(a, b), standardNodeHash(a, b));
    assert.equal(hashPair(b, a), standardNodeHash(a, b));
  });
});
