import { lookAlikeGroup } from './lookAlikes.js';

/**
 * Lays one reading of a fixed-length line over another (the reference) by edit distance, so that
 * readings of different lengths can vote position by position: the LSTM engine reads an MRZ's runs of
 * `<` one or two short, which shifts every character after them. Returns, for each position of the
 * reference, the character aligned with it, or `undefined` where the reading has none. Substituting a
 * look-alike (`0` for `O`) costs less than another character, so the alignment pairs look-alikes.
 *
 * @example
 * alignReading('AB<<<<12', 'AB<<<12') // ['A', 'B', '<', '<', '<', undefined, '1', '2'] (one `<` unmatched)
 */
export function alignReading(reference: string, reading: string): (string | undefined)[] {
  const n = reference.length, m = reading.length;
  const cost = new Float64Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = 0; i <= n; i++) cost[at(i, 0)] = i;
  for (let j = 0; j <= m; j++) cost[at(0, j)] = j;
  const substitution = (a: string, b: string) => (a === b ? 0 : lookAlikeGroup(a).includes(b) ? 0.5 : 1);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      cost[at(i, j)] = Math.min(
        cost[at(i - 1, j - 1)] + substitution(reference[i - 1], reading[j - 1]),
        cost[at(i - 1, j)] + 1,
        cost[at(i, j - 1)] + 1,
      );
    }
  }
  const aligned: (string | undefined)[] = new Array(n).fill(undefined);
  let i = n, j = m;
  while (i > 0 && j > 0) {
    if (cost[at(i, j)] === cost[at(i - 1, j - 1)] + substitution(reference[i - 1], reading[j - 1])) {
      aligned[i - 1] = reading[j - 1];
      i--; j--;
    } else if (cost[at(i, j)] === cost[at(i - 1, j)] + 1) i--;
    else j--;
  }
  return aligned;
}
