import type { TemplateField } from '../templates/documentTemplate.js';
import { mrzCheckDigit } from '../mrz/mrzCheckDigit.js';
import { isIcaoStateCode } from '../mrz/isIcaoStateCode.js';
import { isMrzDate } from '../mrz/isMrzDate.js';
import { isRealIsoDate } from './dates.js';

/**
 * Checks a normalised value against its template field; returns each problem in words, none when valid.
 *
 * @example
 * validateField(sexField, 'Q') // ['"Q" is not one of M, F, X']
 */
export function validateField(field: TemplateField, value: string): string[] {
  const v = field.validation;
  const problems: string[] = [];
  if (value.length === 0) return ['empty'];
  // A date's normal form (ISO) is not what the document prints, so only its calendar check applies.
  const outside = field.normaliser.kind === 'date' ? [] : [...new Set([...value].filter((c) => !field.charset.includes(c)))];
  if (outside.length) problems.push(`characters outside the field's set: ${outside.join('')}`);
  if (v.maxLength !== undefined && value.length > v.maxLength) problems.push(`longer than ${v.maxLength}`);
  if (v.pattern !== undefined && !new RegExp(v.pattern).test(value)) problems.push(`does not match ${v.pattern}`);
  if (v.enum !== undefined && !v.enum.includes(value)) problems.push(`"${value}" is not one of ${v.enum.join(', ')}`);
  if (v.date && !isRealIsoDate(value)) problems.push(`"${value}" is not a calendar date`);
  for (const { ranges, digit } of v.checkDigits ?? []) {
    const guarded = ranges.map(([start, end]) => value.slice(start, end)).join('');
    let expected: string;
    try { expected = mrzCheckDigit(guarded); } catch { expected = '?'; }
    if (value[digit] !== expected) problems.push(`check digit at ${digit} is ${value[digit] ?? 'missing'}, expected ${expected}`);
  }
  for (const [start, end] of v.stateCodes ?? []) {
    if (!isIcaoStateCode(value.slice(start, end))) problems.push(`"${value.slice(start, end)}" at ${start} is no ICAO state code`);
  }
  for (const [start, end] of v.mrzDates ?? []) {
    if (!isMrzDate(value.slice(start, end))) problems.push(`"${value.slice(start, end)}" at ${start} is no date`);
  }
  return problems;
}
