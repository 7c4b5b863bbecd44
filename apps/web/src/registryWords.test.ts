import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { etherWords, levelWords, sponsoredGasWords } from './registryWords.js';

describe('registry words', () => {
  it('says what the sponsor paid in ether and writes, one write in the singular', () => {
    assert.equal(sponsoredGasWords({ wei: '1200000000000000', writes: 14 }), '0.0012 ETH in 14 sponsored writes.');
    assert.equal(sponsoredGasWords({ wei: '52341000000000', writes: 1 }), '0.000052 ETH in 1 sponsored write.');
  });

  it('says so when nothing was paid, and when the service did not show it', () => {
    assert.equal(sponsoredGasWords({ wei: '0', writes: 0 }), 'No sponsored writes yet.');
    assert.equal(sponsoredGasWords(null), 'Sponsored gas: not shown to you.');
  });

  it('never shows a tiny amount as zero', () => {
    assert.equal(etherWords(999_999_999_999n), 'less than 0.000001 ETH');
    assert.equal(etherWords(0n), '0 ETH');
    assert.equal(etherWords(1_000_000_000_000_000_000_000n), '1000 ETH');
  });

  it('names the top of the tree and counts the levels below it', () => {
    assert.deepEqual([0, 1, 3].map(levelWords), ['the root authority, at the top', 'level 1, registered by the root authority', 'level 3, 3 steps below the root authority']);
  });
});
