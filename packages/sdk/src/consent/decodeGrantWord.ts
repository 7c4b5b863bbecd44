import { InvalidParameterError } from '../errors/base.js';
import type { Hex } from 'viem';
import type { Grant } from './types.js';

const WORD = /^0x[0-9a-fA-F]{64}$/;
const TIME_BITS = 40n;
const DIGEST_BITS = 168n;
const TIME_MASK = (1n << TIME_BITS) - 1n;

/**
 * The grant an `AccessGranted` event's `grant` word carries. The word is `IConsentRegistry.Grant`
 * exactly as stored (expiresAt in bits 0–39, grantedAt in bits 40–79, the digest's 21 bytes in bits
 * 80–247), which the contract emits as one word rather than two to keep every grant 256 gas cheaper.
 * `attributes` comes back as the 26-byte digest `attributesDigest` makes (the 21 bytes, then five
 * zero bytes).
 *
 * @example
 * const { expiresAt, grantedAt, attributes } = decodeGrantWord(log.args.grant)
 */
export function decodeGrantWord(word: Hex): Grant {
  if (!WORD.test(word)) throw new InvalidParameterError('grant', `${String(word).slice(0, 80)} is not a 32-byte hex word`);
  const value = BigInt(word);
  if (value >> (2n * TIME_BITS + DIGEST_BITS) !== 0n) throw new InvalidParameterError('grant', 'bits 248-255 are set; a Grant word never uses them');
  const expiresAt = Number(value & TIME_MASK);
  const grantedAt = Number((value >> TIME_BITS) & TIME_MASK);
  const digest = (value >> (2n * TIME_BITS)).toString(16).padStart(42, '0');
  return { expiresAt, grantedAt, attributes: `0x${digest}${'0'.repeat(10)}` };
}
