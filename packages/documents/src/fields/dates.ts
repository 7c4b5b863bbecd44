import type { DateFormat } from '../templates/documentTemplate.js';

export const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/** Prints an ISO date (`YYYY-MM-DD`) as the document shows it. */
export function formatDate(iso: string, format: DateFormat): string {
  const [y, m, d] = iso.split('-');
  if (format === 'YYYY.MM.DD') return `${y}.${m}.${d}`;
  if (format === 'DD.MM.YYYY') return `${d}.${m}.${y}`;
  return `${d} ${monthNames[Number(m) - 1]} ${y}`;
}

/**
 * Reads a printed date back into ISO form, or returns null. Spaces and the dots between parts are
 * separators only: OCR drops or doubles them without changing the date.
 */
export function parsePrintedDate(text: string, format: DateFormat): string | null {
  const compact = text.toUpperCase().replace(/[\s.]+/g, '');
  let parts: RegExpExecArray | null;
  if (format === 'YYYY.MM.DD') {
    parts = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
    return parts && isoIfReal(parts[1], parts[2], parts[3]);
  }
  if (format === 'DD.MM.YYYY') {
    parts = /^(\d{2})(\d{2})(\d{4})$/.exec(compact);
    return parts && isoIfReal(parts[3], parts[2], parts[1]);
  }
  parts = /^(\d{2})([A-Z]{3})(\d{4})$/.exec(compact);
  if (!parts) return null;
  const month = monthNames.indexOf(parts[2] as (typeof monthNames)[number]);
  return month < 0 ? null : isoIfReal(parts[3], String(month + 1).padStart(2, '0'), parts[1]);
}

/** True for an ISO `YYYY-MM-DD` that names a day of the Gregorian calendar. */
export function isRealIsoDate(iso: string): boolean {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return parts !== null && isoIfReal(parts[1], parts[2], parts[3]) !== null;
}

function isoIfReal(y: string, m: string, d: string): string | null {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const real = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
  return real ? `${y}-${m}-${d}` : null;
}
