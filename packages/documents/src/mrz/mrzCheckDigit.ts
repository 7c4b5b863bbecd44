/**
 * The ICAO 9303 check digit (part 3, 4.9): digits keep their value, A-Z count 10-35, `<` counts 0,
 * weighted 7, 3, 1 repeating, modulo 10. Used to print MRZs; reading them is left to the `mrz` package,
 * so the two implementations check each other in the tests.
 *
 * @example
 * mrzCheckDigit('740812') // '2'
 */
export function mrzCheckDigit(characters: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < characters.length; i++) {
    const c = characters[i];
    const value = c === '<' ? 0 : /[0-9]/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : NaN;
    if (Number.isNaN(value)) throw new RangeError(`"${c}" cannot appear in a machine-readable zone`);
    sum += value * weights[i % 3];
  }
  return String(sum % 10);
}
