/** A single-channel 8-bit image, row-major. */
export type GrayImage = { width: number; height: number; data: Uint8ClampedArray };
/** An RGBA image, as canvas `ImageData` holds it. */
export type RgbaImage = { width: number; height: number; data: Uint8ClampedArray };

/** Luma by ITU-R BT.601 weights, the usual grey for OCR. */
export function toGray(image: RgbaImage): GrayImage {
  const data = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    data[i] = (image.data[j] * 299 + image.data[j + 1] * 587 + image.data[j + 2] * 114) / 1000;
  }
  return { width: image.width, height: image.height, data };
}

/** Grey to RGBA, for encoding through a canvas. */
export function toRgba(image: GrayImage): RgbaImage {
  const data = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.data.length; i++, j += 4) {
    data[j] = data[j + 1] = data[j + 2] = image.data[i];
    data[j + 3] = 255;
  }
  return { width: image.width, height: image.height, data };
}

/** Bilinear sample of channel `c` of an image with `channels` per pixel; `fallback` outside it. */
export function sampleBilinear(
  data: Uint8ClampedArray, width: number, height: number, channels: number, c: number, x: number, y: number, fallback: number,
): number {
  if (x < 0 || y < 0 || x > width - 1 || y > height - 1) return fallback;
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
  const fx = x - x0, fy = y - y0;
  const at = (xx: number, yy: number) => data[(yy * width + xx) * channels + c];
  const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
  const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
  return top * (1 - fy) + bottom * fy;
}

/** Surrounds a grey image with `border` pixels of white: tesseract dropped glyphs that touched a crop's edge. */
export function padWhite(image: GrayImage, border: number): GrayImage {
  const width = image.width + 2 * border, height = image.height + 2 * border;
  const data = new Uint8ClampedArray(width * height).fill(255);
  for (let y = 0; y < image.height; y++) data.set(image.data.subarray(y * image.width, (y + 1) * image.width), (y + border) * width + border);
  return { width, height, data };
}
