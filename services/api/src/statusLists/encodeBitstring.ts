import { gzipSync } from 'node:zlib';

/**
 * A W3C Bitstring Status List `encodedList`: the bitstring (bit 0 is the most significant bit of
 * the first byte), GZIP-compressed, base64url without padding, with the multibase prefix `u`.
 */
export function encodeBitstring(size: number, set: Iterable<number>): string {
  const bytes = new Uint8Array(size / 8);
  for (const index of set) bytes[index >> 3]! |= 0x80 >> (index & 7);
  return `u${gzipSync(bytes).toString('base64url')}`;
}
