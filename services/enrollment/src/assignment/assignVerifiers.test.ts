import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { AssignmentParametersError, NotEnoughVerifiersError } from '../errors.js';
import { assignVerifiers, fieldsOfVerifier } from './assignVerifiers.js';

const hash = (text: string) => `0x${bytesToHex(sha256(utf8ToBytes(text)))}` as const;
const residenceCard = ['Name', 'DateOfBirth', 'Sex', 'Region', 'Address', 'Status', 'DateOfExpiration', 'No', 'DateOfBegin', 'PeriodOfStay'];
const verifiers = Array.from({ length: 40 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`);

describe('assigning verifiers to fields', () => {
  it('gives the same assignment for the same beacon and enrollment, whatever the order of the verifier list', () => {
    const a = assignVerifiers({ enrollmentId: hash('e1'), beacon: hash('block 100'), fields: residenceCard, verifiers });
    const b = assignVerifiers({ enrollmentId: hash('e1'), beacon: hash('block 100'), fields: residenceCard, verifiers: [...verifiers].reverse() });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, assignVerifiers({ enrollmentId: hash('e1'), beacon: hash('block 101'), fields: residenceCard, verifiers }));
  });

  it('gives every field distinct verifiers and no verifier more than k fields, for any sizes that fit', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 20 }), fc.string(),
      (fieldCount, perField, k, spare, seed) => {
        const fields = Array.from({ length: fieldCount }, (_, i) => `F${i}`);
        const count = Math.max(perField, Math.ceil((fieldCount * perField) / k)) + spare;
        const pool = verifiers.slice(0, Math.min(count, verifiers.length));
        let assignment;
        try {
          assignment = assignVerifiers({ enrollmentId: hash(seed), beacon: hash(`b${seed}`), fields, verifiers: pool, perField, maxFieldsPerVerifier: k });
        } catch (error) {
          // Refusing is allowed only when capacity is short (tight pools, or greedy draws that run dry).
          assert.ok(error instanceof NotEnoughVerifiersError);
          return;
        }
        for (const field of fields) assert.equal(new Set(assignment[field]).size, perField);
        for (const v of pool) assert.ok(fieldsOfVerifier(assignment, v).length <= k);
      },
    ), { numRuns: 300, seed: 20 });
  });

  it('never lets one verifier collect more than k fields of any document across many enrollments', () => {
    const seen = new Map<string, Map<string, Set<string>>>(); // verifier -> enrollment -> fields received
    for (let e = 0; e < 400; e++) {
      const enrollmentId = hash(`enrollment ${e}`);
      const assignment = assignVerifiers({ enrollmentId, beacon: hash(`block ${1000 + e}`), fields: residenceCard, verifiers });
      for (const v of verifiers) {
        for (const field of fieldsOfVerifier(assignment, v)) {
          if (!seen.has(v)) seen.set(v, new Map());
          if (!seen.get(v)!.has(enrollmentId)) seen.get(v)!.set(enrollmentId, new Set());
          seen.get(v)!.get(enrollmentId)!.add(field);
        }
      }
    }
    const most = Math.max(...[...seen.values()].flatMap((byEnrollment) => [...byEnrollment.values()].map((f) => f.size)));
    assert.equal(most, 2);
  });

  it('spreads the work evenly: every verifier\'s share within 20 % of the mean over 1,000 enrollments', () => {
    const counts = new Map(verifiers.map((v) => [v, 0]));
    for (let e = 0; e < 1000; e++) {
      const assignment = assignVerifiers({ enrollmentId: hash(`spread ${e}`), beacon: hash(`beacon ${e}`), fields: residenceCard, verifiers });
      for (const vs of Object.values(assignment)) for (const v of vs) counts.set(v, counts.get(v)! + 1);
    }
    const mean = (1000 * residenceCard.length * 3) / verifiers.length;
    for (const [v, n] of counts) assert.ok(Math.abs(n - mean) / mean < 0.2, `${v}: ${n} against a mean of ${mean}`);
  });

  it('refuses when the pool cannot cover the document within the bound, and bad parameters', () => {
    assert.throws(() => assignVerifiers({ enrollmentId: hash('x'), beacon: hash('y'), fields: residenceCard, verifiers: verifiers.slice(0, 14) }), {
      name: 'NotEnoughVerifiersError',
      message: 'Not enough verifiers: 10 fields x 3 verifiers need more than 14 verifiers with at most 2 fields each',
    });
    assert.throws(() => assignVerifiers({ enrollmentId: hash('x'), beacon: hash('y'), fields: ['Name'], verifiers: [verifiers[0], verifiers[0], verifiers[1], verifiers[2]] }), AssignmentParametersError);
    assert.throws(() => assignVerifiers({ enrollmentId: '0x1234', beacon: hash('y'), fields: ['Name'], verifiers }), /32-byte hex/);
    assert.throws(() => assignVerifiers({ enrollmentId: hash('x'), beacon: hash('y'), fields: ['Name'], verifiers, maxFieldsPerVerifier: 0 }), /maxFieldsPerVerifier/);
  });
});
