import { inflateSync } from 'node:zlib';
import { NotAnImageError } from '../errors.js';

const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const type = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/**
 * Refuses a PNG or JPEG whose structure is broken before any decoder sees it: the image decoder is
 * lenient and paints a cut-short PNG grey from where it ends, so a truncated upload would otherwise be
 * read (as garbage) and committed. A PNG must run chunk by chunk from IHDR to a final IEND, and its
 * pixel data must inflate (zlib checks its Adler-32, so bytes changed inside it are caught); a JPEG
 * must have its scan and end with the end-of-image marker after it. JPEG has no checksum, so bytes
 * changed inside its scan still decode.
 */
export function checkImageIntegrity(bytes: Uint8Array): void {
  if (bytes[0] === 0x89) return checkPng(bytes);
  return checkJpeg(bytes);
}

function checkPng(bytes: Uint8Array): void {
  const idat: Uint8Array[] = [];
  let at = 8;
  let first = true;
  while (true) {
    if (at + 12 > bytes.length) throw new NotAnImageError('the PNG is cut short (no IEND chunk)');
    const length = u32(bytes, at);
    const name = type(bytes, at + 4);
    if (first && name !== 'IHDR') throw new NotAnImageError('the PNG does not start with its IHDR chunk');
    first = false;
    const end = at + 12 + length;
    if (end > bytes.length) throw new NotAnImageError(`the PNG is cut short inside its ${JSON.stringify(name)} chunk`);
    if (name === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at = end;
    if (name === 'IEND') break;
  }
  if (idat.length === 0) throw new NotAnImageError('the PNG has no pixel data');
  try {
    inflateSync(Buffer.concat(idat));
  } catch (cause) {
    throw new NotAnImageError('the PNG pixel data is corrupt', { cause });
  }
}

function checkJpeg(bytes: Uint8Array): void {
  let scan = -1;
  for (let i = 2; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xda) {
      scan = i;
      break;
    }
  }
  if (scan < 0) throw new NotAnImageError('the JPEG has no image scan');
  let end = bytes.length - 1;
  // Some cameras pad after the end marker; trailing zeros are allowed, nothing else.
  while (end > scan && bytes[end] === 0) end--;
  if (!(bytes[end - 1] === 0xff && bytes[end] === 0xd9)) throw new NotAnImageError('the JPEG is cut short (no end-of-image marker)');
}
