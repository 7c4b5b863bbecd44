import { createCanvas } from '@napi-rs/canvas';
import { toRgba, type GrayImage } from './rasters.js';

/** A grey image as PNG bytes: the form a crop is hashed, shown to a verifier and read by OCR in. */
export function encodePng(image: GrayImage): Buffer {
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  const data = g.createImageData(image.width, image.height);
  data.data.set(toRgba(image).data);
  g.putImageData(data, 0, 0);
  return canvas.encodeSync('png');
}
