import { states } from 'mrz';

/**
 * True for a three-character MRZ state code that ICAO 9303 part 3 lists (the `mrz` package's table):
 * a state (`IND`), a `<`-filled one (`D<<`, Germany) or an organisation (`UNO`, `XXA`). OCR's round
 * look-alikes seldom make another listed code (`INO`, `IN0`, `INQ` are none), so the table settles a
 * nationality that no check digit guards.
 *
 * @example
 * isIcaoStateCode('IND') // true
 * isIcaoStateCode('INO') // false
 */
export function isIcaoStateCode(code: string): boolean {
  if (code.length !== 3) return false;
  const trimmed = code.replace(/<+$/, '');
  return trimmed.length > 0 && Object.hasOwn(states, trimmed);
}
