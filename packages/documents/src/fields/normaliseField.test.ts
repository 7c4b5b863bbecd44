import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getTemplate } from '../templates/getTemplate.js';
import { formatDate, parsePrintedDate } from './dates.js';
import { normaliseField } from './normaliseField.js';
import { validateField } from './validateField.js';

const field = (templateId: string, name: string) => getTemplate(templateId).fields.find((f) => f.name === name)!;

describe('field normalisation and validation', () => {
  it('collapses spaces, upper-cases and trims stray separators from words', () => {
    assert.equal(normaliseField(field('residence-card', 'Name'), '  nguyen   van anh -'), 'NGUYEN VAN ANH');
  });

  it('reads each printed date format back to ISO, and only real dates', () => {
    assert.equal(parsePrintedDate('1987.03.14', 'YYYY.MM.DD'), '1987-03-14');
    assert.equal(parsePrintedDate('14.03.1987', 'DD.MM.YYYY'), '1987-03-14');
    assert.equal(parsePrintedDate('14 MAR 1987', 'DD MMM YYYY'), '1987-03-14');
    assert.equal(parsePrintedDate('1987 03.14', 'YYYY.MM.DD'), '1987-03-14');
    assert.equal(parsePrintedDate('31 FEB 1987', 'DD MMM YYYY'), null);
    assert.equal(formatDate('1987-03-14', 'DD MMM YYYY'), '14 MAR 1987');
  });

  it('keeps an unreadable date as read, so validation names it', () => {
    const dob = field('residence-card', 'DateOfBirth');
    const value = normaliseField(dob, '1987.13.14');
    assert.equal(value, '1987.13.14');
    assert.deepEqual(validateField(dob, value), ['"1987.13.14" is not a calendar date']);
  });

  it('swaps look-alike glyphs by position when the code has its mask\'s length', () => {
    const number = field('passport-td3', 'PassportNumber');
    assert.equal(normaliseField(number, 'M01235516'), 'MO1235516');
    assert.equal(normaliseField(number, '5S337S977'), 'SS3375977');
    assert.equal(normaliseField(number, 'M0123551'), 'M0123551'); // wrong length: left for validation to refuse
    assert.deepEqual(validateField(number, 'M0123551'), ['does not match ^[A-Z]{2}[0-9]{7}$']);
  });

  it('fills a short MRZ line with trailing fillers only', () => {
    assert.equal(normaliseField(field('passport-td3', 'MrzLine1'), 'P<DEUMULLER<<ANNA<<<'), `P<DEUMULLER<<ANNA${'<'.repeat(27)}`);
  });

  it('refuses a sex outside the template\'s list and characters outside the field\'s set', () => {
    assert.deepEqual(validateField(field('national-id', 'Sex'), 'Q'), ['characters outside the field\'s set: Q', '"Q" is not one of M, F, X']);
    assert.deepEqual(validateField(field('residence-card', 'Name'), ''), ['empty']);
  });
});
