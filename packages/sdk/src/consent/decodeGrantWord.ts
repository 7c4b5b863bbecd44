import { InvalidParameterError } from '../errors/base.js';
import type { Hex } from 'viem';
import type { Grant } from './types.js';

const WORD = /^0x[0-9a-fA-F]{64}$/;
const EXPIRY_BITS = 40n;
const ATTRIBUTES_BITS = 208n;

/**
 * The grant an `AccessGranted` event's `grant` word carries. The word is `IConsentRegistry.Grant`
 * exactly as stored (expiresAt in bits 0–39, the bytes26 attributes digest in bits 40–247), which
 * the contract emits as one word rather than two to keep every grant 256 gas cheaper.
 *
 * @example
 * const { expiresAt, attributes } = decodeGrantWord(log.args.grant)
 */
export function decodeGrantWord(word: Hex): Grant {
  if (!WORD.test(word)) throw new InvalidParameterError('grant', `${String(word).slice(0, 80)} is not a 32-byte hex word`);
  const value = BigInt(word);
  if (value >> (EXPIRY_BITS + ATTRIBUTES_BITS) !== 0n) throw new InvalidParameterError('grant', 'bits 248-255 are set; a Grant word never uses them');
  const expiresAt = Number(value & ((1n << EXPIRY_BITS) - 1n));
  const attributes = (value >> EXPIRY_BITS).toString(16).padStart(52, '0');
  return { expiresAt, attributes: `0x${attributes}` };
}
