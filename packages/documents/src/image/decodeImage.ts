import { createCanvas, loadImage } from '@napi-rs/canvas';
import { ImageTooLargeError, NotAnImageError } from '../errors.js';
import type { RgbaImage } from './rasters.js';
import { checkImageIntegrity } from './checkImageIntegrity.js';

const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const jpeg = [0xff, 0xd8, 0xff];
const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

export type DecodeImageParameters = { bytes: Uint8Array; maxPixels?: number };

/**
 * Decodes a PNG or JPEG upload into RGBA pixels. Anything else, or bytes the decoder refuses, is a
 * `NotAnImageError` that says which; more than `maxPixels` (default 40 million) is an `ImageTooLargeError`.
 *
 * @example
 * const image = await decodeImage({ bytes: readFileSync('card.jpg') });
 */
export async function decodeImage({ bytes, maxPixels = 40_000_000 }: DecodeImageParameters): Promise<RgbaImage> {
  if (bytes.length === 0) throw new NotAnImageError('it is empty');
  if (!startsWith(bytes, png) && !startsWith(bytes, jpeg)) throw new NotAnImageError('it has neither a PNG nor a JPEG signature');
  checkImageIntegrity(bytes);
  let image: Awaited<ReturnType<typeof loadImage>>;
  try {
    image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (cause) {
    throw new NotAnImageError('the decoder refused it (corrupt or truncated)', { cause });
  }
  if (!(image.width > 0 && image.height > 0)) throw new NotAnImageError('it decodes to no pixels');
  if (image.width * image.height > maxPixels) throw new ImageTooLargeError(image.width, image.height, maxPixels);
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0);
  const { data, width, height } = g.getImageData(0, 0, image.width, image.height);
  return { data, width, height };
}
