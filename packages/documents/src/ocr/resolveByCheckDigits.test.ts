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

  it('invents nothing where no check covers the doubt', () => {
    // GBD and GBO are both ICAO codes (British Overseas Territories Citizen, British Overseas Citizen),
    // and no check digit guards the nationality.
    const [, british] = formatTd3Mrz({
      issuingState: 'GBR', surname: 'JONES', givenNames: 'AMY', passportNumber: 'KT1234567', nationalityCode: 'GBD',
      dateOfBirth: '1990-05-17', sex: 'F', dateOfExpiry: '2031-01-09',
    });
    const read = replaceAt(british, 12, 'O');
    assert.equal(resolveByCheckDigits(line2, [read]), read);
    assert.equal(resolveByCheckDigits(line2, [read, british]), null); // one vote each: no way to tell
  });

  it('restores a nationality that is no ICAO code from its look-alikes', () => {
    const read = replaceAt(truth, 10, 'O'); // DEU read as OEU: only D makes a listed code
    assert.equal(resolveByCheckDigits(line2, [read]), truth);
  });

  it('lets the readings vote where the check digits allow several lines', () => {
    // O (24) and Q (26) at weights 7 and 3: OO and QQ differ by 20, nothing modulo 10.
    const [, qq] = formatTd3Mrz({
      issuingState: 'MEX', surname: 'ROSSI', givenNames: 'LUCIA', passportNumber: 'QQ4285157', nationalityCode: 'MEX',
      dateOfBirth: '2001-01-22', sex: 'M', dateOfExpiry: '2030-12-28',
    });
    const oo = `OO${qq.slice(2)}`;
    const forced = { chars: [...oo], weights: [0.5, 0.5, ...Array(42).fill(1)] }; // the legacy engine saw 00
    assert.equal(resolveByCheckDigits(line2, [forced, qq]), qq);
    assert.equal(resolveByCheckDigits(line2, [oo, qq]), null); // two readings seen as they are: a tie
  });

  it('re-reads a misread check digit from the data it guards when the composite agrees', () => {
    const read = replaceAt(truth, 19, truth[19] === '6' ? '0' : '6'); // the birth date's check digit
    assert.equal(resolveByCheckDigits(line2, [read]), truth);
    const composite = replaceAt(truth, 43, truth[43] === '6' ? '0' : '6'); // the composite guards itself: no
    assert.equal(resolveByCheckDigits(line2, [composite]), null);
  });

  it('uses a reading with gaps where it has characters', () => {
    const gappy = { chars: [...replaceAt(truth, 15, '6')].map((c, i) => (i > 30 ? undefined : c)) };
    const legacy = replaceAt(truth, 1, '0');
    assert.equal(resolveByCheckDigits(line2, [legacy, gappy]), replaceAt(truth, 15, truth[15]));
  });

  it('leaves fields without check digits and readings of the wrong length alone', () => {
    assert.equal(resolveByCheckDigits(fields.find((f) => f.name === 'PassportNumber')!, ['D08247968']), null);
    assert.equal(resolveByCheckDigits(line2, [truth.slice(0, 40)]), null);
  });
});
