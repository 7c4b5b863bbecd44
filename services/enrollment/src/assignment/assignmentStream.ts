import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { AssignmentParametersError } from '../errors.js';

const tag = utf8ToBytes('identree/enrollment/assignment/v1\0');

/**
 * Uniform draws below n from SHA-256 in counter mode over (beacon, enrollment id). Rejection sampling
 * makes each draw exactly uniform given the seed: 32-bit values at or above the largest multiple of n
 * are thrown away instead of folded in by a modulo, which would favour small indices.
 */
export function assignmentStream(beacon: `0x${string}`, enrollmentId: `0x${string}`) {
  if (!/^0x[0-9a-f]{64}$/i.test(beacon) || !/^0x[0-9a-f]{64}$/i.test(enrollmentId)) {
    throw new AssignmentParametersError('the beacon and the enrollment id must be 32-byte hex strings');
  }
  const seed = concatBytes(tag, hexToBytes(beacon.slice(2)), hexToBytes(enrollmentId.slice(2)));
  let counter = 0;
  let block = new Uint8Array();
  let offset = 32;
  const next32 = () => {
    if (offset + 4 > block.length) {
      const c = new Uint8Array(4);
      new DataView(c.buffer).setUint32(0, counter++);
      block = sha256(concatBytes(seed, c));
      offset = 0;
    }
    const value = new DataView(block.buffer, block.byteOffset + offset, 4).getUint32(0);
    offset += 4;
    return value;
  };
  return {
    below(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`cannot draw below ${n}`);
      const limit = 2 ** 32 - (2 ** 32 % n);
      for (;;) {
        const value = next32();
        if (value < limit) return value % n;
      }
    },
  };
}
