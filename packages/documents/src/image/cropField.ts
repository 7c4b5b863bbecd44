import type { Region } from '../templates/documentTemplate.js';
import { applyHomography, type Homography } from './homography.js';
import { sampleBilinear, type GrayImage } from './rasters.js';

export type CropFieldParameters = {
  photo: GrayImage;
  /** Maps the template's canonical units onto the photo's pixels. */
  toPhoto: Homography;
  region: Region;
  /** Canonical units added on each side: wide enough for a few pixels of corner error, short of the labels above. */
  margin?: { x: number; y: number };
  /** Output pixels per canonical unit. */
  scale?: number;
};

/**
 * Cuts one field out of the photo already straightened: each output pixel is mapped through the
 * homography and sampled bilinearly, so perspective and rotation are undone in the same step.
 *
 * @example
 * const crop = cropField({ photo, toPhoto, region: field.region });
 */
export function cropField({ photo, toPhoto, region, margin = { x: 8, y: 5 }, scale = 1.5 }: CropFieldParameters): GrayImage {
  const x0 = region.x - margin.x, y0 = region.y - margin.y;
  const width = Math.round((region.width + 2 * margin.x) * scale);
  const height = Math.round((region.height + 2 * margin.y) * scale);
  const data = new Uint8ClampedArray(width * height);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const p = applyHomography(toPhoto, { x: x0 + (i + 0.5) / scale, y: y0 + (j + 0.5) / scale });
      data[j * width + i] = sampleBilinear(photo.data, photo.width, photo.height, 1, 0, p.x - 0.5, p.y - 0.5, 255);
    }
  }
  return { width, height, data };
}
