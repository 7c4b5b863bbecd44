import type { GrayImage } from './rasters.js';

/**
 * Otsu's threshold: the grey level that best separates the histogram into two classes (maximum
 * between-class variance). Pixels above it are the bright class.
 *
 * @example
 * const t = otsuThreshold(gray); const isPaper = gray.data[i] > t;
 */
export function otsuThreshold(image: GrayImage): number {
  const histogram = new Float64Array(256);
  for (const v of image.data) histogram[v]++;
  const total = image.data.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * histogram[i];
  let weightBelow = 0, sumBelow = 0, best = 0, threshold = 127;
  for (let t = 0; t < 256; t++) {
    weightBelow += histogram[t];
    if (weightBelow === 0) continue;
    const weightAbove = total - weightBelow;
    if (weightAbove === 0) break;
    sumBelow += t * histogram[t];
    const meanBelow = sumBelow / weightBelow;
    const meanAbove = (sumAll - sumBelow) / weightAbove;
    const between = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2;
    if (between > best) { best = between; threshold = t; }
  }
  return threshold;
}

/** Black text on white: each pixel at or below the threshold becomes 0, the rest 255. */
export function binarise(image: GrayImage, threshold = otsuThreshold(image)): GrayImage {
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i] > threshold ? 255 : 0;
  return { width: image.width, height: image.height, data };
}

/**
 * Half-way between Otsu's threshold and the mean of the pixels below it. Blur spreads ink into the
 * paper, and Otsu on a blurred crop keeps much of that spread as ink: strokes thicken and close up
 * (a bold `M` that tesseract read as nothing at all). Moving towards the ink keeps strokes thin.
 */
export function inkBiasedThreshold(image: GrayImage): number {
  const otsu = otsuThreshold(image);
  let sum = 0, count = 0;
  for (const v of image.data) if (v <= otsu) { sum += v; count++; }
  return count === 0 ? otsu : Math.round((otsu + sum / count) / 2);
}
