import { concat, encodeAbiParameters, keccak256, slice, type Hex } from 'viem';
import { InvalidParameterError } from '../errors/base.js';

/**
 * The grant that covers a whole credential: every attribute, including ones added to its schema
 * later. The contract stores zero for it, and `checkAccess` accepts any attribute set under it.
 */
export const WHOLE_CREDENTIAL = `0x${'00'.repeat(26)}` as Hex;

/** Separates this digest from every other keccak over string arrays (and from later versions). */
export const ATTRIBUTES_DIGEST_DOMAIN = 'identree.consent.attributes.v1';

const utf8 = new TextEncoder();
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(utf8.encode(a)), Buffer.from(utf8.encode(b)));

/**
 * The 26-byte digest a grant stores for a named set of attributes: keccak256 of
 * `abi.encode(ATTRIBUTES_DIGEST_DOMAIN, names)` with the names deduplicated and sorted by their
 * UTF-8 bytes, its first 21 bytes kept and five zero bytes after them (Solidity's
 * `bytes26(bytes21(hash))`). The contract keeps those 21 bytes and puts the grant's own time where the
 * zeros are, so that a grant from an earlier holding of the credential never revives; it refuses a
 * digest whose last five bytes are not zero (`ConsentInvalidAttributesError`).
 * The order names are given in and repeats do not matter; their spelling does (`ageOver18` is not
 * `AgeOver18`). Zero is reserved for {@link WHOLE_CREDENTIAL}; a set of names cannot produce it in
 * practice (2^-168).
 *
 * @example
 * attributesDigest(['municipality', 'ageOver18']) === attributesDigest(['ageOver18', 'municipality', 'ageOver18']) // true
 */
export function attributesDigest(names: readonly string[]): Hex {
  if (!Array.isArray(names) || names.length === 0) {
    throw new InvalidParameterError('attributes', 'must name at least one attribute; use WHOLE_CREDENTIAL for the whole credential');
  }
  for (const [i, name] of names.entries()) {
    if (typeof name !== 'string' || name.length === 0) throw new InvalidParameterError(`attributes.${i}`, 'must be a non-empty attribute name');
  }
  const sorted = [...new Set(names)].sort(byUtf8);
  const hash = keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'string[]' }], [ATTRIBUTES_DIGEST_DOMAIN, sorted]));
  return concat([slice(hash, 0, DIGEST_BYTES), TIME_ROOM]);
}

/** Bytes of the hash a grant keeps; the rest of the 26 is room for the grant's time. */
const DIGEST_BYTES = 21;
const TIME_ROOM = `0x${'00'.repeat(5)}` as Hex;

/** True for a value the contract accepts as a grant's attributes: 26 bytes whose last five are zero. */
export const isAttributesDigest = (value: string): boolean => /^0x[0-9a-fA-F]{42}0{10}$/.test(value);
