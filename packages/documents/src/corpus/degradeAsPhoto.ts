import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { homographyFromCorners, type Point } from '../image/homography.js';
import type { SeededRandom } from './seededRandom.js';

export type PhotoConditions = {
  rotationDegrees: number;
  /** The document's width as a share of the photo's width. */
  scale: number;
  /** Largest corner displacement for perspective, as a share of the document's width. */
  perspective: number;
  blurRadius: number;
  noiseSigma: number;
  /** Darkest light factor across the photo (1 is even light). */
  lightFloor: number;
  jpegQuality: number;
};

export type DegradeAsPhotoReturnType = { jpeg: Buffer; corners: Point[]; conditions: PhotoConditions; width: number; height: number };

/** Draws the conditions of one phone photo: rotation up to ±10°, 60-78 % of the frame, mild perspective. */
export function drawPhotoConditions(random: SeededRandom): PhotoConditions {
  return {
    rotationDegrees: random.uniform(-10, 10),
    scale: random.uniform(0.6, 0.78),
    perspective: random.uniform(0.005, 0.03),
    blurRadius: random.pick([0, 1, 1, 2]),
    noiseSigma: random.uniform(2, 8),
    lightFloor: random.uniform(0.6, 0.9),
    jpegQuality: 50,
  };
}

/**
 * Photographs a clean document as a phone would: places it on a dark, textured table under a
 * perspective, rotation and scale, then uneven light, blur, sensor noise and JPEG at quality 50.
 * Returns the JPEG and where the document's corners landed (for tests of the document finder).
 *
 * @example
 * const { jpeg } = degradeAsPhoto(clean.canvas, random.fork('photo'));
 */
export function degradeAsPhoto(document: Canvas, random: SeededRandom, conditions = drawPhotoConditions(random)): DegradeAsPhotoReturnType {
  const src = document.getContext('2d').getImageData(0, 0, document.width, document.height);
  const width = 1600;
  const height = Math.round(width * 0.75);
  const corners = placeDocument(document.width, document.height, width, height, conditions, random);
  const toDocument = homographyFromCorners(corners, [
    { x: 0, y: 0 }, { x: document.width - 1, y: 0 }, { x: document.width - 1, y: document.height - 1 }, { x: 0, y: document.height - 1 },
  ]);
  const table = [random.int(40, 90), random.int(35, 75), random.int(30, 60)];
  const lightAngle = random.uniform(0, Math.PI * 2);
  const [lx, ly] = [Math.cos(lightAngle), Math.sin(lightAngle)];
  const out = new Uint8ClampedArray(width * height * 4);
  const h = toDocument;
  const sd = src.data, sw = src.width, sh = src.height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // The homography inlined: this loop runs two million times a photo.
      const w = h[6] * x + h[7] * y + h[8];
      const px = (h[0] * x + h[1] * y + h[2]) / w;
      const py = (h[3] * x + h[4] * y + h[5]) / w;
      // Light falls off linearly across the frame, from 1 on one side to the floor on the other.
      const along = ((x / width - 0.5) * lx + (y / height - 0.5) * ly) / Math.SQRT2 + 0.5;
      const light = 1 - (1 - conditions.lightFloor) * along;
      const texture = 6 * Math.sin(x / 23) * Math.sin(y / 31);
      const o = (y * width + x) * 4;
      if (px < 0 || py < 0 || px > sw - 1 || py > sh - 1) {
        for (let c = 0; c < 3; c++) out[o + c] = (table[c] + texture) * light;
      } else {
        const x0 = Math.floor(px), y0 = Math.floor(py);
        const x1 = x0 + 1 < sw ? x0 + 1 : x0, y1 = y0 + 1 < sh ? y0 + 1 : y0;
        const fx = px - x0, fy = py - y0;
        const a = (y0 * sw + x0) * 4, b = (y0 * sw + x1) * 4, d = (y1 * sw + x0) * 4, e = (y1 * sw + x1) * 4;
        for (let c = 0; c < 3; c++) {
          const top = sd[a + c] + (sd[b + c] - sd[a + c]) * fx;
          const bottom = sd[d + c] + (sd[e + c] - sd[d + c]) * fx;
          out[o + c] = (top + (bottom - top) * fy) * light;
        }
      }
      out[o + 3] = 255;
    }
  }
  if (conditions.blurRadius > 0) boxBlur(out, width, height, conditions.blurRadius);
  for (let i = 0; i < out.length; i += 4) {
    const n = random.gaussian() * conditions.noiseSigma;
    out[i] += n; out[i + 1] += n; out[i + 2] += n;
  }
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  const image = g.createImageData(width, height);
  image.data.set(out);
  g.putImageData(image, 0, 0);
  return { jpeg: canvas.encodeSync('jpeg', conditions.jpegQuality), corners, conditions, width, height };
}

function placeDocument(docW: number, docH: number, width: number, height: number, c: PhotoConditions, random: SeededRandom): Point[] {
  const w = width * c.scale;
  const h = (w * docH) / docW;
  const angle = (c.rotationDegrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const cx = width / 2 + random.uniform(-0.03, 0.03) * width;
  const cy = height / 2 + random.uniform(-0.03, 0.03) * height;
  const base = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]];
  return base.map(([dx, dy]) => {
    const jx = random.uniform(-1, 1) * c.perspective * w;
    const jy = random.uniform(-1, 1) * c.perspective * w;
    const x = cx + dx * cos - dy * sin + jx;
    const y = cy + dx * sin + dy * cos + jy;
    // Keep a margin of table around the document, as a photo that frames it does.
    return { x: Math.min(Math.max(x, 8), width - 9), y: Math.min(Math.max(y, 8), height - 9) };
  });
}

/** A separable box blur of the colour channels, `radius` pixels each way, in place. */
function boxBlur(data: Uint8ClampedArray, width: number, height: number, radius: number) {
  const line = new Float64Array(Math.max(width, height));
  const pass = (count: number, length: number, index: (i: number, j: number) => number) => {
    for (let i = 0; i < count; i++) {
      for (let c = 0; c < 3; c++) {
        for (let j = 0; j < length; j++) line[j] = data[index(i, j) + c];
        for (let j = 0; j < length; j++) {
          let sum = 0, n = 0;
          for (let k = Math.max(0, j - radius); k <= Math.min(length - 1, j + radius); k++) { sum += line[k]; n++; }
          data[index(i, j) + c] = sum / n;
        }
      }
    }
  };
  pass(height, width, (y, x) => (y * width + x) * 4);
  pass(width, height, (x, y) => (y * width + x) * 4);
}
