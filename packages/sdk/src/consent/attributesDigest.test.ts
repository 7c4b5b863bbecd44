import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAbiParameters, keccak256 } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import { ATTRIBUTES_DIGEST_DOMAIN, WHOLE_CREDENTIAL, attributesDigest, isAttributesDigest } from './attributesDigest.js';

describe('attributesDigest', () => {
  it('is 26 bytes: the first 21 of the domain-separated keccak of the sorted names, then five zero bytes', () => {
    const expected = keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'string[]' }], [ATTRIBUTES_DIGEST_DOMAIN, ['ageOver18', 'municipality']]));
    assert.equal(attributesDigest(['municipality', 'ageOver18']), `${expected.slice(0, 2 + 42)}${'0'.repeat(10)}`);
    assert.equal(attributesDigest(['ageOver18']).length, 2 + 52);
    assert.ok(isAttributesDigest(attributesDigest(['ageOver18'])));
    assert.ok(isAttributesDigest(WHOLE_CREDENTIAL));
    assert.ok(!isAttributesDigest(expected.slice(0, 2 + 52)), 'a 26-byte hash with a non-zero tail is no digest');
  });

  it('ignores order and repeats, but not spelling', () => {
    assert.equal(attributesDigest(['b', 'a', 'b']), attributesDigest(['a', 'b']));
    assert.notEqual(attributesDigest(['ageOver18']), attributesDigest(['AgeOver18']));
    assert.notEqual(attributesDigest(['a', 'b']), attributesDigest(['a']));
  });

  it('never collides with the whole-credential grant', () => {
    assert.notEqual(attributesDigest(['a']), WHOLE_CREDENTIAL);
    assert.equal(WHOLE_CREDENTIAL, `0x${'0'.repeat(52)}`);
  });

  it('sorts by UTF-8 bytes, so other languages compute the same digest', () => {
    // 'é' is 0xC3 0xA9 in UTF-8, so it sorts after 'z' (0x7A).
    assert.equal(attributesDigest(['é', 'z']), keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'string[]' }], [ATTRIBUTES_DIGEST_DOMAIN, ['z', 'é']])).slice(0, 44) + '0'.repeat(10));
  });

  it('refuses an empty set or an empty name, naming the parameter', () => {
    assert.throws(() => attributesDigest([]), (e: unknown) => e instanceof InvalidParameterError && e.parameter === 'attributes');
    assert.throws(() => attributesDigest(['a', '']), (e: unknown) => e instanceof InvalidParameterError && e.parameter === 'attributes.1');
  });
});
