import { InvalidParameterError } from '../errors/base.js';

/** The registry stores validity as uint32 seconds; this is "no expiry". */
export const NO_EXPIRY = 2 ** 32 - 1;

/** Unix seconds from a Date or a number, checked against the contract's uint32 range. */
export function toUint32Seconds(parameter: string, value: Date | number | bigint): number {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : Number(value);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > NO_EXPIRY) {
    throw new InvalidParameterError(parameter, `must be a whole number of seconds between 0 and ${NO_EXPIRY}`);
  }
  return seconds;
}
