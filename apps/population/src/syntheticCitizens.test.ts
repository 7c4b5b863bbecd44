import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAddress } from 'viem';
import { citizenAccount, syntheticCitizens } from './syntheticCitizens.js';

describe('syntheticCitizens', () => {
  const salt = `0x${'11'.repeat(32)}` as const;

  it('numbers accounts by citizen and pairs each with a 32-byte commitment', () => {
    const { identities, births } = syntheticCitizens({ start: 98, count: 4, salt, realCommitments: 0 });
    assert.deepEqual(identities.map((i) => i.account), [98, 99, 100, 101].map(citizenAccount));
    assert.ok(identities.every((i) => isAddress(i.account) && i.kind === 'Person'));
    assert.deepEqual(births.map((b) => b.subject), identities.map((i) => i.account));
    assert.equal(new Set(births.map((b) => b.commitment)).size, 4);
    assert.ok(births.every((b) => /^0x[0-9a-f]{64}$/.test(b.commitment)));
  });

  it('derives stand-in commitments from the salt, and real ones afresh each time', () => {
    const once = syntheticCitizens({ start: 0, count: 3, salt, realCommitments: 1 }).births;
    const twice = syntheticCitizens({ start: 0, count: 3, salt, realCommitments: 1 }).births;
    assert.notEqual(once[0].commitment, twice[0].commitment);
    assert.deepEqual(once.slice(1), twice.slice(1));
    const otherSalt = syntheticCitizens({ start: 0, count: 3, salt: `0x${'22'.repeat(32)}`, realCommitments: 1 }).births;
    assert.notEqual(otherSalt[1].commitment, once[1].commitment);
  });
});
