import type { TemplateField } from '../templates/documentTemplate.js';
import { parsePrintedDate } from './dates.js';

/**
 * Brings a field's text (printed or read by OCR) into the one form that is compared and committed to:
 * upper case, single spaces, no stray separators at the ends; dates as ISO `YYYY-MM-DD` (the raw text
 * when it is no date, so validation names it); MRZ lines without spaces, filled to length with `<`.
 *
 * @example
 * normaliseField(field, '  nguyen  van anh ') // 'NGUYEN VAN ANH'
 */
export function normaliseField(field: TemplateField, text: string): string {
  const upper = text.toUpperCase().replace(/\s+/g, ' ').trim();
  const n = field.normaliser;
  switch (n.kind) {
    case 'words':
      return upper.replace(/^[\s,.'-]+|[\s,.'-]+$/g, '');
    case 'code':
      return applyMask(upper.replace(/[\s.]/g, ''), n.mask);
    case 'sex': {
      const compact = upper.replace(/[^A-Z]/g, '');
      return compact === 'MALE' ? 'M' : compact === 'FEMALE' ? 'F' : compact;
    }
    case 'date':
      return parsePrintedDate(upper, n.format) ?? upper;
    case 'mrz': {
      // Trailing fillers carry nothing and OCR tends to drop some of a long `<` run at the line's end.
      const line = upper.replace(/\s/g, '');
      return applyMask(line.length < n.length ? line.padEnd(n.length, '<') : line, n.mask);
    }
  }
}

// Glyphs OCR confuses between letters and digits; a position whose kind is known takes the right one.
const toLetter: Record<string, string> = { 0: 'O', 1: 'I', 2: 'Z', 5: 'S', 6: 'G', 8: 'B' };
const toDigit: Record<string, string> = { O: '0', D: '0', Q: '0', I: '1', L: '1', Z: '2', S: '5', G: '6', B: '8' };

/** Swaps look-alikes by position (`A` letter, `9` digit, `X` either) when the value has the mask's length. */
export function applyMask(value: string, mask: string | undefined): string {
  if (mask === undefined || value.length !== mask.length) return value;
  return [...value].map((c, i) => (mask[i] === 'A' ? toLetter[c] ?? c : mask[i] === '9' ? toDigit[c] ?? c : c)).join('');
}
