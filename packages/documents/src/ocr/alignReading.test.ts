import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignReading } from './alignReading.js';

describe('laying a reading over a reference line', () => {
  it('keeps the characters after a run that came out one short in place', () => {
    const aligned = alignReading('AB<<<<12', 'AB<<<12');
    assert.equal(aligned.filter((c) => c === undefined).length, 1);
    assert.deepEqual(aligned.slice(6), ['1', '2']);
    assert.deepEqual(aligned.slice(0, 2), ['A', 'B']);
  });

  it('pairs look-alikes rather than shifting, and drops what the reading added', () => {
    assert.deepEqual(alignReading('PER000', 'PEROOO'), ['P', 'E', 'R', 'O', 'O', 'O']);
    assert.deepEqual(alignReading('AB12', 'AXB12'), ['A', 'B', '1', '2']);
  });

  it('lays a reading of equal length position by position', () => {
    assert.deepEqual(alignReading('QQ42', '0042'), ['0', '0', '4', '2']);
  });
});
