import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTd3Mrz } from '../mrz/formatTd3Mrz.js';
import { getTemplate } from '../templates/getTemplate.js';
import { resolveByCheckDigits } from './resolveByCheckDigits.js';

const fields = getTemplate('passport-td3').fields;
const line2 = fields.find((f) => f.name === 'MrzLine2')!;
const [, truth] = formatTd3Mrz({
  issuingState: 'DEU', surname: 'MULLER', givenNames: 'ANNA', passportNumber: 'DQ8247968', nationalityCode: 'DEU',
  dateOfBirth: '1979-02-28', sex: 'F', dateOfExpiry: '2032-07-20',
});
const replaceAt = (text: string, i: number, c: string) => text.slice(0, i) + c + text.slice(i + 1);

describe('resolving a check-digit field from its readings', () => {
  it('restores a letter read as a digit where the check digit tells which letter', () => {
    const read = replaceAt(truth, 1, '0'); // Q taken for 0
    assert.equal(resolveByCheckDigits(line2, [read]), truth);
  });

  it('combines two readings that are each wrong in a different place', () => {
    const legacy = replaceAt(truth, 15, '6'); // a digit of the birth date misread
    const lstm = replaceAt(truth, 1, 'O');
    assert.equal(resolveByCheckDigits(line2, [legacy, lstm]), truth);
  });

  it('invents nothing where no check digit covers the doubt', () => {
    const read = replaceAt(truth, 10, 'O'); // the D of the nationality: O, D and Q all pass every check digit
    assert.equal(resolveByCheckDigits(line2, [read]), read);
    assert.equal(resolveByCheckDigits(line2, [read, truth]), null); // readings that differ there: no way to tell
  });

  it('leaves fields without check digits and readings of the wrong length alone', () => {
    assert.equal(resolveByCheckDigits(fields.find((f) => f.name === 'PassportNumber')!, ['D08247968']), null);
    assert.equal(resolveByCheckDigits(line2, [truth.slice(0, 40)]), null);
  });
});
