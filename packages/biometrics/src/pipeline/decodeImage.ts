import sharp from 'sharp';
import { NotAnImageError } from '../errors.js';
import type { DecodedImage } from './types.js';

/** Longest side the detector needs; larger photos are scaled down (a phone photo decodes 10x faster). */
export const MAX_SIDE_PX = 1024;

/**
 * Decodes an uploaded photo to RGB, applying its EXIF orientation and scaling it to at most
 * `MAX_SIDE_PX`; anything the decoder refuses is a `NotAnImageError`.
 *
 * @example
 * const image = await decodeImage(await readFile('face.jpg'))
 */
export async function decodeImage(bytes: Uint8Array): Promise<DecodedImage> {
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: MAX_SIDE_PX, height: MAX_SIDE_PX, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`${info.channels} channels`);
    return { width: info.width, height: info.height, rgb: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    throw new NotAnImageError(error);
  }
}
