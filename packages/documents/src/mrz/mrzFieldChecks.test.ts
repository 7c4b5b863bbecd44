import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateField } from '../fields/validateField.js';
import { getTemplate } from '../templates/getTemplate.js';
import { formatTd3Mrz } from './formatTd3Mrz.js';
import { isIcaoStateCode } from './isIcaoStateCode.js';
import { isMrzDate } from './isMrzDate.js';

describe('MRZ state codes and dates', () => {
  it('accepts listed state codes, <-filled ones and organisations, and refuses look-alike misreadings', () => {
    for (const code of ['IND', 'DEU', 'D<<', 'UNO', 'XXA', 'GBD', 'GBO']) assert.equal(isIcaoStateCode(code), true, code);
    for (const code of ['INO', 'IN0', 'INQ', 'OEU', '<<<', 'DE', 'DEUU', 'D<E']) assert.equal(isIcaoStateCode(code), false, code);
  });

  it('accepts calendar dates in any century and wholly unknown parts, and refuses the rest', () => {
    for (const date of ['750506', '000229', '960229', '991231', '75<<<<', '<<<<<<', '7505<<']) assert.equal(isMrzDate(date), true, date);
    // 2100 is no leap year, but 1900 and 2000 are the centuries an MRZ year can mean: 00 allows 29 February.
    for (const date of ['751306', '750532', '750431', '970229', '7505O6', '75050', '0<0506', '750500']) assert.equal(isMrzDate(date), false, date);
  });

  it('names a nationality that is no code and a birth date that is no day in a TD3 line 2', () => {
    const line2 = getTemplate('passport-td3').fields.find((f) => f.name === 'MrzLine2')!;
    const [, good] = formatTd3Mrz({
      issuingState: 'IND', surname: 'PATEL', givenNames: 'RAVI', passportNumber: 'CY3418872', nationalityCode: 'IND',
      dateOfBirth: '1975-05-06', sex: 'M', dateOfExpiry: '2031-12-18',
    });
    assert.deepEqual(validateField(line2, good), []);
    const bad = `${good.slice(0, 10)}INO75${good.slice(15)}`.replace(/^(.{15})05/, '$113');
    assert.deepEqual(validateField(line2, bad).filter((p) => !p.startsWith('check digit')), ['"INO" at 10 is no ICAO state code', '"751306" at 13 is no date']);
  });
});
