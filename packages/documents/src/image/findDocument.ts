import { DocumentNotFoundError } from '../errors.js';
import type { Point } from './homography.js';
import { otsuThreshold } from './otsuThreshold.js';
import type { GrayImage } from './rasters.js';

export type FindDocumentReturnType = {
  /** Top-left, top-right, bottom-right, bottom-left, in the photo's pixels. */
  corners: [Point, Point, Point, Point];
  /** The share of the photo the document covers. */
  coverage: number;
};

/**
 * Finds the document in a photo: the largest bright region (Otsu on a reduced copy, holes filled),
 * its four extreme corners, then each side refitted as a straight line through its outer boundary
 * so that blur and rounded corners do not pull the corners inwards. Assumes a light document on a
 * darker background, turned by less than 45 degrees; a photo that is all document gives its frame.
 *
 * @example
 * const { corners } = findDocument(toGray(photo));
 */
export function findDocument(image: GrayImage): FindDocumentReturnType {
  const factor = Math.max(1, Math.ceil(Math.max(image.width, image.height) / 800));
  const small = reduce(image, factor);
  const { width, height } = small;
  // A frame of one tone (a lens cap, a blank wall) has no document and no printing to read.
  let darkest = 255, lightest = 0;
  for (const v of small.data) { if (v < darkest) darkest = v; if (v > lightest) lightest = v; }
  if (lightest - darkest < 32) throw new DocumentNotFoundError(`the photo is blank (its tones span ${lightest - darkest} of 255)`);
  const threshold = otsuThreshold(small);
  const mask = largestBrightRegion(small, threshold);
  const area = mask.reduce((n, v) => n + v, 0);
  const coverage = area / (width * height);
  if (coverage < 0.1) throw new DocumentNotFoundError(`the largest bright region covers ${(coverage * 100).toFixed(1)} % of the photo`);
  fillHoles(mask, width, height);
  const boundary: Point[] = [];
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x] === 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (inside(x, y) && (!inside(x - 1, y) || !inside(x + 1, y) || !inside(x, y - 1) || !inside(x, y + 1))) boundary.push({ x, y });
    }
  }
  const extreme = (score: (p: Point) => number) => boundary.reduce((best, p) => (score(p) < score(best) ? p : best));
  const rough = [extreme((p) => p.x + p.y), extreme((p) => p.y - p.x), extreme((p) => -p.x - p.y), extreme((p) => p.x - p.y)];
  const sides = rough.map((a, i) => fitSide(boundary, a, rough[(i + 1) % 4]));
  const corners = sides.map((side, i) => intersect(sides[(i + 3) % 4], side) ?? rough[i]);
  // Pixel centres of the reduced copy back to the photo's coordinates.
  const scaled = corners.map((p) => ({ x: (p.x + 0.5) * factor - 0.5, y: (p.y + 0.5) * factor - 0.5 }));
  return { corners: scaled as FindDocumentReturnType['corners'], coverage };
}

function reduce(image: GrayImage, factor: number): GrayImage {
  if (factor === 1) return image;
  const width = Math.floor(image.width / factor), height = Math.floor(image.height / factor);
  const data = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) sum += image.data[(y * factor + dy) * image.width + x * factor + dx];
      data[y * width + x] = sum / (factor * factor);
    }
  }
  return { width, height, data };
}

function largestBrightRegion(image: GrayImage, threshold: number): Uint8Array {
  const { width, height, data } = image;
  const label = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  let best = 0, bestSize = 0, next = 0;
  for (let start = 0; start < data.length; start++) {
    if (data[start] <= threshold || label[start] !== 0) continue;
    next++;
    let size = 0, top = 0;
    stack[top++] = start;
    label[start] = next;
    while (top > 0) {
      const i = stack[--top];
      size++;
      const x = i % width;
      for (const j of [i - width, i + width, x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1]) {
        if (j >= 0 && j < data.length && label[j] === 0 && data[j] > threshold) { label[j] = next; stack[top++] = j; }
      }
    }
    if (size > bestSize) { bestSize = size; best = next; }
  }
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = label[i] === best ? 1 : 0;
  return mask;
}

/** Everything the outside of the photo cannot reach without crossing the document is the document. */
function fillHoles(mask: Uint8Array, width: number, height: number) {
  const outside = new Uint8Array(mask.length);
  const stack: number[] = [];
  const push = (i: number) => { if (mask[i] === 0 && outside[i] === 0) { outside[i] = 1; stack.push(i); } };
  for (let x = 0; x < width; x++) { push(x); push((height - 1) * width + x); }
  for (let y = 0; y < height; y++) { push(y * width); push(y * width + width - 1); }
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % width;
    if (i >= width) push(i - width);
    if (i < mask.length - width) push(i + width);
    if (x > 0) push(i - 1);
    if (x < width - 1) push(i + 1);
  }
  for (let i = 0; i < mask.length; i++) if (outside[i] === 0) mask[i] = 1;
}

type Line = { point: Point; direction: Point };

/** Total least squares through the boundary points near the middle 80 % of the segment a-b. */
function fitSide(boundary: Point[], a: Point, b: Point): Line {
  const dx = b.x - a.x, dy = b.y - a.y;
  const length = Math.hypot(dx, dy);
  const fallback = { point: a, direction: { x: dx / length, y: dy / length } };
  if (length < 4) return fallback;
  const [ux, uy] = [dx / length, dy / length];
  const near = boundary.filter((p) => {
    const t = ((p.x - a.x) * ux + (p.y - a.y) * uy) / length;
    const distance = Math.abs((p.x - a.x) * uy - (p.y - a.y) * ux);
    return t > 0.1 && t < 0.9 && distance < Math.max(3, length * 0.03);
  });
  if (near.length < 10) return fallback;
  const mx = near.reduce((s, p) => s + p.x, 0) / near.length;
  const my = near.reduce((s, p) => s + p.y, 0) / near.length;
  let sxx = 0, sxy = 0, syy = 0;
  for (const p of near) { sxx += (p.x - mx) ** 2; sxy += (p.x - mx) * (p.y - my); syy += (p.y - my) ** 2; }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return { point: { x: mx, y: my }, direction: { x: Math.cos(angle), y: Math.sin(angle) } };
}

function intersect(l1: Line, l2: Line): Point | null {
  const det = l1.direction.x * l2.direction.y - l1.direction.y * l2.direction.x;
  if (Math.abs(det) < 1e-6) return null;
  const t = ((l2.point.x - l1.point.x) * l2.direction.y - (l2.point.y - l1.point.y) * l2.direction.x) / det;
  return { x: l1.point.x + t * l1.direction.x, y: l1.point.y + t * l1.direction.y };
}
