import { parse } from 'mrz';
import { MrzFormatError } from '../errors.js';

export type ParseTd3MrzReturnType = {
  /** Every check digit and every field of the zone is valid. */
  valid: boolean;
  fields: Record<string, string | null>;
  /** Each invalid part of the zone, as the `mrz` package words it (`Birth date check digit: invalid check digit: 3. Must be 2`). */
  problems: string[];
};

/**
 * Parses and checks a TD3 machine-readable zone with the `mrz` package: check digits of the document
 * number, dates, personal number and the composite, and the state codes. Lines that are not a TD3 zone
 * at all (wrong characters or lengths) are an `MrzFormatError`; a zone that parses with wrong digits is
 * returned with `valid: false` and its problems.
 *
 * @example
 * const { valid, fields } = parseTd3Mrz([line1, line2]);
 */
export function parseTd3Mrz(lines: readonly [string, string]): ParseTd3MrzReturnType {
  let result: ReturnType<typeof parse>;
  try {
    result = parse(lines);
  } catch (cause) {
    throw new MrzFormatError((cause as Error).message, { cause });
  }
  if (result.format !== 'TD3') throw new MrzFormatError(`expected TD3, read ${result.format}`);
  const problems = result.details.filter((d) => !d.valid).map((d) => `${d.label}: ${d.error ?? 'invalid'}`);
  return { valid: result.valid, fields: { ...result.fields }, problems };
}
