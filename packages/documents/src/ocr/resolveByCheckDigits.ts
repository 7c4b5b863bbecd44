import { validateField } from '../fields/validateField.js';
import type { TemplateField } from '../templates/documentTemplate.js';
import { lookAlikeGroup } from './lookAlikes.js';

/**
 * One reading of a fixed-length field laid out by position: `undefined` where it has no character
 * (see `alignReading`). `weights` (1 by default) lowers the say of a character the mask forced, a
 * digit the engine saw where only a letter may stand.
 */
export type PositionalReading = { chars: readonly (string | undefined)[]; weights?: readonly number[] };

const isDigit = (c: string) => c >= '0' && c <= '9';
const maxCombinations = 4096;

/**
 * For a field guarded by check digits, state codes or dates (an MRZ line): at the positions in doubt
 * (where the readings differ, or under a check that fails), every combination of what the readings saw,
 * widened to the look-alikes the position's mask allows, is tried against the field's validation;
 * elsewhere the first reading stands. Of the combinations that pass, the one the readings support
 * most (a vote per reading that saw that character, less for a character the mask forced) is
 * returned, and only when no other passing one has as much support: with a tie the checks cannot
 * tell, and none is chosen. A failing check digit that the composite also guards may take any digit.
 * At most 4,096 combinations are tried. The first reading must be whole.
 *
 * @example
 * resolveByCheckDigits(mrzLine2, [legacyReading, lstmReading]) // the best-supported valid line, or null
 */
export function resolveByCheckDigits(field: TemplateField, readings: readonly (string | PositionalReading)[]): string | null {
  const v = field.validation;
  if (!v.checkDigits && !v.stateCodes && !v.mrzDates) return null;
  const length = field.normaliser.kind === 'mrz' ? field.normaliser.length : undefined;
  const laid = readings.map((r) => (typeof r === 'string' ? { chars: [...r] } : r)).filter((r) => r.chars.length === (length ?? r.chars.length));
  const reference = laid[0];
  if (!reference || (length !== undefined && reference.chars.length !== length) || reference.chars.some((c) => c === undefined)) return null;
  const size = reference.chars.length;
  const first = reference.chars.join('');
  const mask = 'mask' in field.normaliser ? field.normaliser.mask : undefined;
  const suspects = suspectPositions(field, first, laid);
  const rereadable = rereadableDigits(field, first);
  const options: { char: string; votes: number }[][] = [];
  let combinations = 1;
  for (let i = 0; i < size; i++) {
    const votes = new Map<string, number>();
    if (!suspects.has(i)) votes.set(first[i], 1);
    else {
      for (const r of laid) {
        const c = r.chars[i];
        if (c !== undefined) votes.set(c, (votes.get(c) ?? 0) + (r.weights?.[i] ?? 1));
      }
      for (const c of [...votes.keys()]) {
        for (const alike of lookAlikeGroup(c)) {
          const kind = mask?.[i] ?? 'X';
          if (!votes.has(alike) && (kind === 'X' || (kind === '9') === isDigit(alike))) votes.set(alike, 0);
        }
      }
    }
    // A failing check digit that another check digit also guards may be any digit: it is the only
    // misread character when the data it guards passes the other check as well.
    if (rereadable.has(i)) for (const d of '0123456789') if (!votes.has(d)) votes.set(d, 0);
    const allowed = [...votes].filter(([c]) => field.charset.includes(c)).map(([char, n]) => ({ char, votes: n }));
    options.push(allowed.length ? allowed : [{ char: first[i], votes: 0 }]);
    combinations *= options[i].length;
    if (combinations > maxCombinations) return null;
  }
  let best: string | null = null, bestVotes = -1, tied = false;
  const chars: string[] = new Array(size);
  const walk = (i: number, votes: number): void => {
    if (i === size) {
      if (votes < bestVotes) return;
      const candidate = chars.join('');
      if (validateField(field, candidate).length > 0) return;
      tied = votes === bestVotes;
      if (votes > bestVotes) { best = candidate; bestVotes = votes; }
      return;
    }
    for (const { char, votes: n } of options[i]) { chars[i] = char; walk(i + 1, votes + n); }
  };
  walk(0, 0);
  return tied ? null : best;
}

/**
 * Where the readings differ, the characters guarded by each failing check digit (with the digit), and
 * each failing state code or date. A failing composite alone points at nearly the whole line; it counts
 * only when no narrower check fails.
 */
function suspectPositions(field: TemplateField, first: string, readings: readonly PositionalReading[]): Set<number> {
  const suspects = new Set<number>();
  for (let i = 0; i < first.length; i++) if (readings.some((r) => r.chars[i] !== undefined && r.chars[i] !== first[i])) suspects.add(i);
  const span = ([a, b]: [number, number]) => Array.from({ length: b - a }, (_, k) => a + k);
  const fails = (validation: TemplateField['validation']) => validateField({ ...field, validation }, first).length > 0;
  const failing = (field.validation.checkDigits ?? []).filter((check) => fails({ checkDigits: [check] }));
  const positions = (check: (typeof failing)[number]) => [check.digit, ...check.ranges.flatMap(span)];
  const narrow = failing.filter((check) => positions(check).length <= 16);
  for (const check of narrow.length ? narrow : failing) for (const p of positions(check)) suspects.add(p);
  for (const slice of field.validation.stateCodes ?? []) if (fails({ stateCodes: [slice] })) for (const p of span(slice)) suspects.add(p);
  for (const slice of field.validation.mrzDates ?? []) if (fails({ mrzDates: [slice] })) for (const p of span(slice)) suspects.add(p);
  return suspects;
}

/** Positions of failing check digits that another check digit covers (all but the composite, in TD3). */
function rereadableDigits(field: TemplateField, first: string): Set<number> {
  const checks = field.validation.checkDigits ?? [];
  const covered = (p: number) => checks.some((c) => c.ranges.some(([a, b]) => a <= p && p < b));
  const failing = checks.filter((check) => validateField({ ...field, validation: { checkDigits: [check] } }, first).length > 0);
  return new Set(failing.map((c) => c.digit).filter(covered));
}
