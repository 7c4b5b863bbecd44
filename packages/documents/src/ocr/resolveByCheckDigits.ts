import { validateField } from '../fields/validateField.js';
import type { TemplateField } from '../templates/documentTemplate.js';

// Glyphs OCR takes for one another. In DejaVu Sans Mono the legacy classifier read 0 as O, D or Q and
// the reverse; the others are the usual pairs.
const lookAlikes = [['0', 'O', 'D', 'Q'], ['1', 'I', 'L'], ['2', 'Z'], ['5', 'S'], ['6', 'G'], ['8', 'B']];
const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * For a field guarded by check digits (an MRZ line): at the positions in doubt (where the readings
 * differ, or under a check digit that fails), every combination of what the readings saw, widened to the
 * look-alikes the position's mask allows, is tried against the field's validation; elsewhere the first
 * reading stands. The value is returned only when exactly one combination passes; with several the check
 * digits cannot tell, and none is chosen. At most 4,096 combinations are tried.
 *
 * @example
 * resolveByCheckDigits(mrzLine2, [legacyReading, lstmReading]) // the one valid line, or null
 */
export function resolveByCheckDigits(field: TemplateField, readings: readonly string[]): string | null {
  if (!field.validation.checkDigits) return null;
  const length = field.normaliser.kind === 'mrz' ? field.normaliser.length : readings[0]?.length;
  const usable = readings.filter((r) => r.length === length);
  if (usable.length === 0 || length === undefined) return null;
  const mask = 'mask' in field.normaliser ? field.normaliser.mask : undefined;
  const suspects = suspectPositions(field, usable);
  const options: string[][] = [];
  let combinations = 1;
  for (let i = 0; i < length; i++) {
    const doubtful = suspects.has(i);
    const seen = new Set(doubtful ? usable.map((r) => r[i]) : [usable[0][i]]);
    if (doubtful) for (const c of [...seen]) {
      for (const alike of lookAlikes.find((group) => group.includes(c)) ?? []) {
        const kind = mask?.[i] ?? 'X';
        if (kind === 'X' || (kind === '9') === isDigit(alike)) seen.add(alike);
      }
    }
    const allowed = [...seen].filter((c) => field.charset.includes(c));
    options.push(allowed.length ? allowed : [usable[0][i]]);
    combinations *= options[i].length;
    if (combinations > 4096) return null;
  }
  const passing: string[] = [];
  const chars: string[] = new Array(length);
  const walk = (i: number): void => {
    if (passing.length > 1) return;
    if (i === length) {
      const candidate = chars.join('');
      if (validateField(field, candidate).length === 0) passing.push(candidate);
      return;
    }
    for (const c of options[i]) { chars[i] = c; walk(i + 1); }
  };
  walk(0);
  return passing.length === 1 ? passing[0] : null;
}

/**
 * Where the readings differ, and the characters guarded by each failing check digit (with the digit). A
 * failing composite alone points at nearly the whole line; it counts only when no narrower check fails.
 */
function suspectPositions(field: TemplateField, readings: readonly string[]): Set<number> {
  const suspects = new Set<number>();
  for (let i = 0; i < readings[0].length; i++) if (readings.some((r) => r[i] !== readings[0][i])) suspects.add(i);
  const failing = (field.validation.checkDigits ?? []).filter((check) => {
    const single = { ...field, validation: { checkDigits: [check] } };
    return validateField(single, readings[0]).length > 0;
  });
  const positions = (check: (typeof failing)[number]) => [check.digit, ...check.ranges.flatMap(([a, b]) => Array.from({ length: b - a }, (_, k) => a + k))];
  const narrow = failing.filter((check) => positions(check).length <= 16);
  for (const check of narrow.length ? narrow : failing) for (const p of positions(check)) suspects.add(p);
  return suspects;
}
