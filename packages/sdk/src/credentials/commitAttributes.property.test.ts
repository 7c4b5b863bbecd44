import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Hex } from 'viem';
import { commitAttributes } from './commitAttributes.js';
import { disclosureLeafHash } from '../presentations/disclosureLeafHash.js';

/** Every calendar date in the hundred years before 2026, as an attacker would enumerate birth dates. */
const centuryOfDates = (() => {
  const dates: string[] = [];
  for (let t = Date.UTC(1926, 0, 1); t < Date.UTC(2026, 0, 1); t += 86_400_000) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
})();

describe('attribute commitments', () => {
  it('hide a birth date from an attacker who knows its leaf but not its salt', () => {
    assert.equal(centuryOfDates.length, 36_525);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: centuryOfDates.length - 1 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (i, guessBytes) => {
        const { attributes } = commitAttributes({ birthDate: centuryOfDates[i]! });
        const target = disclosureLeafHash(attributes[0]!);
        const guessedSalt = `0x${bytesToHex(guessBytes)}` as Hex;
        // The attacker tries every date with its best guess of the salt; none may match.
        return centuryOfDates.every((date) => disclosureLeafHash({ name: 'birthDate', value: date, salt: guessedSalt }) !== target);
      }),
      { numRuns: 3 },
    );
  });

  it('give unrelated leaves to the same value in two credentials', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.string({ minLength: 1, maxLength: 64 }), (name, value) => {
        const a = commitAttributes({ [name]: value });
        const b = commitAttributes({ [name]: value });
        assert.notEqual(a.attributes[0]!.salt, b.attributes[0]!.salt);
        assert.notEqual(disclosureLeafHash(a.attributes[0]!), disclosureLeafHash(b.attributes[0]!));
        assert.notEqual(a.commitment, b.commitment);
      }),
      { numRuns: 200 },
    );
  });

  it('salt every attribute with at least 128 bits of its own randomness', () => {
    const { attributes } = commitAttributes(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`a${i}`, 'same'])));
    const salts = new Set(attributes.map((a) => a.salt));
    assert.equal(salts.size, 20);
    for (const s of salts) assert.match(s, /^0x[0-9a-f]{64}$/);
  });
});
