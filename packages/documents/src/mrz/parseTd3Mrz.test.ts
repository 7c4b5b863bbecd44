import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawIdentity } from '../corpus/drawIdentity.js';
import { seededRandom } from '../corpus/seededRandom.js';
import { MrzFormatError } from '../errors.js';
import { validateField } from '../fields/validateField.js';
import { getTemplate } from '../templates/getTemplate.js';
import { crossCheckMrz } from './crossCheckMrz.js';
import { mrzCheckDigit } from './mrzCheckDigit.js';
import { parseTd3Mrz } from './parseTd3Mrz.js';

// The ICAO 9303 part 4 specimen (Anna Maria Eriksson), its issuing state changed from the test state
// UTO, which the `mrz` package does not list, to D (Germany); no check digit covers the state.
const specimen: [string, string] = ['P<D<<ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36D<<7408122F1204159ZE184226B<<<<<10'];
const passport = getTemplate('passport-td3');

describe('TD3 machine-readable zone', () => {
  it('computes the check digits printed on the ICAO specimen', () => {
    assert.equal(mrzCheckDigit('L898902C3'), '6');
    assert.equal(mrzCheckDigit('740812'), '2');
    assert.equal(mrzCheckDigit('120415'), '9');
    assert.equal(mrzCheckDigit('ZE184226B<<<<<'), '1');
    assert.equal(mrzCheckDigit('L898902C3674081221204159ZE184226B<<<<<1'), '0');
  });

  it('parses the specimen as valid with the mrz package', () => {
    const { valid, fields, problems } = parseTd3Mrz(specimen);
    assert.deepEqual(problems, []);
    assert.equal(valid, true);
    assert.equal(fields.lastName, 'ERIKSSON');
    assert.equal(fields.birthDate, '740812');
  });

  it('rejects a corrupted birth date, naming the check digits that fail', () => {
    const corrupted: [string, string] = [specimen[0], specimen[1].replace('7408122', '7408132')];
    const { valid, problems } = parseTd3Mrz(corrupted);
    assert.equal(valid, false);
    assert.deepEqual(problems, ['Birth date check digit: invalid check digit: 2. Must be 3', 'Composite check digit: invalid check digit: 0. Must be 7']);
    assert.deepEqual(validateField(passport.fields.find((f) => f.name === 'MrzLine2')!, corrupted[1]), [
      'check digit at 19 is 2, expected 3', 'check digit at 43 is 0, expected 7',
    ]);
  });

  it('prints zones that the mrz package accepts, for many drawn holders', () => {
    for (let i = 0; i < 50; i++) {
      const identity = drawIdentity(seededRandom(`mrz/${i}`));
      const parsed = parseTd3Mrz([identity.mrzLine1, identity.mrzLine2]);
      assert.deepEqual(parsed.problems, [], `${identity.mrzLine1}\n${identity.mrzLine2}`);
    }
  });

  it('throws a typed error for lines that are no TD3 zone', () => {
    assert.throws(() => parseTd3Mrz(['P<D<<ERIKSSON', 'L898902C36']), MrzFormatError);
    assert.throws(() => parseTd3Mrz(['hello world', '']), /The machine-readable zone cannot be parsed/);
  });

  it('finds where the visual fields and the zone disagree', () => {
    const { fields } = parseTd3Mrz(specimen);
    const visual = {
      Type: 'P', IssuingState: 'D', PassportNumber: 'L898902C3', Surname: 'ERIKSSON', GivenNames: 'ANNA MARIA',
      DateOfBirth: '1974-08-12', Sex: 'F', DateOfExpiry: '2012-04-15',
    };
    assert.deepEqual(crossCheckMrz(passport, visual, fields), []);
    assert.deepEqual(crossCheckMrz(passport, { ...visual, Surname: 'ERICSSON', Sex: 'M' }, fields), [
      { field: 'Surname', visual: 'ERICSSON', mrz: 'ERIKSSON' },
      { field: 'Sex', visual: 'M', mrz: 'female' },
    ]);
  });
});
