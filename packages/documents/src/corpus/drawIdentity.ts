import { formatTd3Mrz } from '../mrz/formatTd3Mrz.js';
import type { SeededRandom } from './seededRandom.js';

// Small, mixed pools of plain-ASCII names and places: enough variety that OCR cannot guess from a
// dictionary, with the hyphens, apostrophes and multi-word names that real documents carry.
const surnames = ['NGUYEN', 'SANTOS', 'OKAFOR', 'MULLER', 'TANAKA', 'GARCIA LOPEZ', "O'BRIEN", 'KOWALSKI', 'HASSAN',
  'FERREIRA', 'PATEL', 'ANDERSSON', 'DUBOIS', 'SMIRNOVA', 'KIM', 'MENSAH', 'ROSSI', 'NOWAK', 'IVANOV', 'WEBER',
  'SILVA-COSTA', 'YAMAMOTO', 'ABDULLAH', 'JOHANSEN', 'HERNANDEZ', 'VAN DER BERG', 'CHATTERJEE', 'MBEKI', 'LINDQVIST', 'PETROV'];
const givenNames = ['ANH', 'MARIA', 'CHIDI', 'JONAS', 'YUKI', 'ELENA', 'LIAM', 'ZOFIA', 'OMAR', 'BEATRIZ', 'RAVI', 'INGRID',
  'CLAIRE', 'OLGA', 'MINJUN', 'KOFI', 'GIULIA', 'PIOTR', 'DMITRI', 'HANNAH', 'JOAO', 'HARUTO', 'FATIMA', 'ERIK', 'LUCIA',
  'ANNA MARIA', 'JEAN-PAUL', 'PRIYA', 'THABO', 'SVEN'];
const countries = [
  { code: 'VNM', name: 'VIETNAM' }, { code: 'PHL', name: 'PHILIPPINES' }, { code: 'BRA', name: 'BRAZIL' },
  { code: 'NGA', name: 'NIGERIA' }, { code: 'DEU', name: 'GERMANY' }, { code: 'IND', name: 'INDIA' },
  { code: 'FRA', name: 'FRANCE' }, { code: 'KEN', name: 'KENYA' }, { code: 'MEX', name: 'MEXICO' },
  { code: 'PER', name: 'PERU' }, { code: 'EGY', name: 'EGYPT' }, { code: 'ESP', name: 'SPAIN' },
  { code: 'CAN', name: 'CANADA' }, { code: 'POL', name: 'POLAND' }, { code: 'GHA', name: 'GHANA' },
] as const;
const cities = ['HANOI', 'MANILA', 'SAO PAULO', 'LAGOS', 'HAMBURG', 'MUMBAI', 'LYON', 'NAIROBI', 'PUEBLA', 'CUSCO',
  'ALEXANDRIA', 'SEVILLA', 'TORONTO', 'KRAKOW', 'KUMASI', 'PORTO', 'OSAKA', 'ACCRA'];
const wards = ['SHIBUYA-KU', 'MINATO-KU', 'KITA-KU', 'NAKA-KU', 'CHUO-KU', 'AOBA-KU', 'SAKAI-KU', 'HIGASHI-KU'];
const prefectures = ['TOKYO', 'OSAKA', 'NAGOYA', 'YOKOHAMA', 'SENDAI', 'KOBE', 'FUKUOKA', 'SAPPORO'];
const statuses = ['ENGINEER', 'STUDENT', 'PERMANENT RESIDENT', 'SPOUSE OF NATIONAL', 'SKILLED LABOR', 'RESEARCHER', 'INSTRUCTOR', 'DEPENDENT'];
const periods = ['1 YEAR', '3 YEARS', '5 YEARS', '6 MONTHS', '2 YEARS', 'INDEFINITE'];
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Every attribute a template may print, as strings; dates in ISO form. */
export type SyntheticIdentity = Record<string, string>;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addYears = (isoDate: string, years: number) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return iso(d);
};

/**
 * Draws one person and their document numbers; the same stream gives the same person.
 *
 * @example
 * const person = drawIdentity(seededRandom('seed/7'));
 */
export function drawIdentity(random: SeededRandom): SyntheticIdentity {
  const chars = (pool: string, n: number) => Array.from({ length: n }, () => random.pick([...pool])).join('');
  const surname = random.pick(surnames);
  const given = random.pick(givenNames);
  const country = random.pick(countries);
  const sex = random.pick(['M', 'F', 'F', 'M', 'X'] as const);
  const born = iso(new Date(Date.UTC(1950, 0, 1) + random.int(0, 55 * 365) * 86_400_000));
  const issued = iso(new Date(Date.UTC(2017, 0, 1) + random.int(0, 8 * 365) * 86_400_000));
  const years = random.pick([5, 10]);
  const period = random.pick(periods);
  const identity: SyntheticIdentity = {
    surname, givenNames: given, fullName: `${surname} ${given}`, sex, dateOfBirth: born, dateOfIssue: issued,
    dateOfExpiry: addYears(issued, years), nationality: country.name, nationalityCode: country.code, region: country.name,
    issuingState: country.code, placeOfBirth: random.pick(cities), documentType: 'P',
    address: `${random.int(1, 9)}-${random.int(1, 30)}-${random.int(1, 20)} ${random.pick(wards)}, ${random.pick(prefectures)}`,
    residenceStatus: random.pick(statuses), periodOfStay: period,
    residenceCardNumber: `${chars(letters, 2)}${chars('0123456789', 8)}${chars(letters, 2)}`,
    documentNumber: `${chars(letters, 3)}${chars('0123456789', 6)}`,
    passportNumber: `${chars(letters, 2)}${chars('0123456789', 7)}`,
    personalNumber: chars('0123456789', 11),
  };
  const [line1, line2] = formatTd3Mrz({
    issuingState: country.code, surname, givenNames: given, passportNumber: identity.passportNumber,
    nationalityCode: country.code, dateOfBirth: born, sex, dateOfExpiry: identity.dateOfExpiry,
  });
  return { ...identity, mrzLine1: line1, mrzLine2: line2 };
}
