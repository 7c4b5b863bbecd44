import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** A reproducible stream of numbers for test data only (sfc32); never for keys, salts or anything secret. */
export type SeededRandom = {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  uniform(min: number, max: number): number;
  /** Standard normal, by Box-Muller. */
  gaussian(): number;
  /** An independent stream for a named part, so adding draws in one part does not shift another's. */
  fork(label: string): SeededRandom;
};

/**
 * @example
 * const random = seededRandom('corpus-1/doc-7'); random.pick(['M', 'F']);
 */
export function seededRandom(seed: string): SeededRandom {
  const h = sha256(utf8ToBytes(seed));
  const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
  let a = view.getUint32(0), b = view.getUint32(4), c = view.getUint32(8), d = view.getUint32(12);
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b | 0) + d | 0;
    d = d + 1 | 0;
    a = b ^ (b >>> 9);
    b = c + (c << 3) | 0;
    c = (c << 21) | (c >>> 11);
    c = c + t | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const random: SeededRandom = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    uniform: (min, max) => min + next() * (max - min),
    gaussian: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    fork: (label) => seededRandom(`${seed}/${label}`),
  };
  return random;
}
