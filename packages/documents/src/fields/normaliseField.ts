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
      return upper.replace(/[\s.]/g, '');
    case 'sex': {
      const compact = upper.replace(/[^A-Z]/g, '');
      return compact === 'MALE' ? 'M' : compact === 'FEMALE' ? 'F' : compact;
    }
    case 'date':
      return parsePrintedDate(upper, n.format) ?? upper;
    case 'mrz': {
      // Trailing fillers carry nothing and OCR tends to drop some of a long `<` run at the line's end.
      const line = upper.replace(/\s/g, '');
      return line.length < n.length ? line.padEnd(n.length, '<') : line;
    }
  }
}
