import { mrzCheckDigit } from './mrzCheckDigit.js';

export type Td3Holder = {
  issuingState: string;
  surname: string;
  givenNames: string;
  passportNumber: string;
  nationalityCode: string;
  /** ISO `YYYY-MM-DD`. */
  dateOfBirth: string;
  sex: 'M' | 'F' | 'X';
  dateOfExpiry: string;
  personalNumber?: string;
};

/** A name part as the MRZ spells it: spaces, hyphens and apostrophes become fillers. */
const mrzName = (name: string) => name.toUpperCase().replace(/['-\s]+/g, '<');
const yymmdd = (iso: string) => iso.slice(2).replace(/-/g, '');

/**
 * The two 44-character lines of a TD3 passport's machine-readable zone (ICAO 9303 part 4).
 *
 * @example
 * const [line1, line2] = formatTd3Mrz({ issuingState: 'DEU', surname: 'MUSTERMANN', ... });
 */
export function formatTd3Mrz(holder: Td3Holder): [string, string] {
  const names = `${mrzName(holder.surname)}<<${mrzName(holder.givenNames)}`;
  const line1 = `P<${holder.issuingState}${names}`.padEnd(44, '<').slice(0, 44);
  const number = holder.passportNumber.padEnd(9, '<');
  const personal = (holder.personalNumber ?? '').padEnd(14, '<');
  const birth = yymmdd(holder.dateOfBirth);
  const expiry = yymmdd(holder.dateOfExpiry);
  const sex = holder.sex === 'X' ? '<' : holder.sex;
  const composite = `${number}${mrzCheckDigit(number)}${birth}${mrzCheckDigit(birth)}${expiry}${mrzCheckDigit(expiry)}${personal}${mrzCheckDigit(personal)}`;
  const line2 = `${number}${mrzCheckDigit(number)}${holder.nationalityCode}${birth}${mrzCheckDigit(birth)}${sex}`
    + `${expiry}${mrzCheckDigit(expiry)}${personal}${mrzCheckDigit(personal)}${mrzCheckDigit(composite)}`;
  return [line1, line2];
}
