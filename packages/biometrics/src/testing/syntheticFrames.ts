// Frames an attacker can make from one still photo, for the liveness attack figures (eval:liveness):
// head turns synthesised by a cylindrical warp (the face wrapped on an upright cylinder and rotated), a blink
// painted by stretching the upper lids over the eyes, and a print-and-recapture simulation (halftone, ink and
// paper colour, paper grain, a tilted and bent sheet, camera blur, noise, JPEG). Plain loops over packed RGB.
import sharp from 'sharp';
import type { DecodedImage, EyeSpot } from '../exports/index.js';

export type Box = [number, number, number, number];
export type Rng = () => number;

/** A seeded generator (mulberry32), so a run can be repeated. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sample = (img: DecodedImage, x: number, y: number, out: Uint8Array, o: number, fill = 40) => {
  if (x < 0 || y < 0 || x > img.width - 1 || y > img.height - 1) {
    out[o] = out[o + 1] = out[o + 2] = fill;
    return;
  }
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, img.width - 1);
  const y1 = Math.min(y0 + 1, img.height - 1);
  const fx = x - x0;
  const fy = y - y0;
  for (let c = 0; c < 3; c++) {
    const p = (xx: number, yy: number) => img.rgb[(yy * img.width + xx) * 3 + c];
    out[o + c] = (p(x0, y0) * (1 - fx) + p(x1, y0) * fx) * (1 - fy) + (p(x0, y1) * (1 - fx) + p(x1, y1) * fx) * fy;
  }
};

/** Inverse mapping: each output pixel takes the source pixel `from(x, y)` names (bilinear). */
export function remap(img: DecodedImage, from: (x: number, y: number) => [number, number]): DecodedImage {
  const out = new Uint8Array(img.rgb.length);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const [sx, sy] = from(x, y);
      sample(img, sx, sy, out, (y * img.width + x) * 3);
    }
  }
  return { ...img, rgb: out };
}

/**
 * A head turn from a still: the head is given a depth (a half-cylinder as wide as the face, a nose ridge in
 * front) and rotated by `angle` radians about an upright axis (positive: the nose moves towards the image's
 * right); each row is re-drawn front to back, so the far cheek is hidden behind the nose. The background stays.
 */
export function turnHead(img: DecodedImage, box: Box, angle: number): DecodedImage {
  const [bx, by, bw, bh] = box;
  const cx = bx + bw / 2;
  const r = bw * 0.55;
  const top = by - bh * 0.25;
  const bottom = by + bh * 1.05;
  const noseY = by + bh * 0.55;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const out = new Uint8Array(img.rgb);
  const zbuf = new Float32Array(img.width);
  for (let y = 0; y < img.height; y++) {
    if (y < top || y > bottom) continue;
    // rows near the crown and the chin are narrower
    const t = (y - (top + bottom) / 2) / ((bottom - top) / 2);
    const rr = r * Math.sqrt(Math.max(0.05, 1 - t * t * 0.6));
    zbuf.fill(-Infinity);
    const xs: number[] = [];
    const zs: number[] = [];
    const x0 = Math.max(0, Math.floor(cx - rr));
    const x1 = Math.min(img.width - 1, Math.ceil(cx + rr));
    for (let x = x0; x <= x1; x++) {
      const u = (x - cx) / rr;
      const z = rr * Math.sqrt(Math.max(0, 1 - u * u)) + 0.35 * rr * Math.exp(-((x - cx) ** 2) / (2 * (bw * 0.07) ** 2) - ((y - noseY) ** 2) / (2 * (bh * 0.14) ** 2));
      xs.push(cx + (x - cx) * cos + z * sin);
      zs.push(-(x - cx) * sin + z * cos);
    }
    // the head's own columns are cleared first, so what the turn uncovers shows as a dim background
    for (let x = x0; x <= x1; x++) {
      const o = (y * img.width + x) * 3;
      out[o] = out[o + 1] = out[o + 2] = 60;
    }
    for (let i = 0; i + 1 < xs.length; i++) {
      const [a, b] = xs[i] <= xs[i + 1] ? [xs[i], xs[i + 1]] : [xs[i + 1], xs[i]];
      for (let d = Math.ceil(a); d <= Math.floor(b) && d < img.width; d++) {
        if (d < 0) continue;
        const f = b > a ? (d - xs[i]) / (xs[i + 1] - xs[i]) : 0;
        const z = zs[i] + (zs[i + 1] - zs[i]) * f;
        if (z <= zbuf[d]) continue;
        zbuf[d] = z;
        const o = (y * img.width + d) * 3;
        const s0 = (y * img.width + x0 + i) * 3;
        for (let c = 0; c < 3; c++) out[o + c] = img.rgb[s0 + c] * (1 - f) + img.rgb[s0 + 3 + c] * f;
      }
    }
  }
  return { ...img, rgb: out };
}

/**
 * A blink painted on a still: over each eye (its centre and width from the face's eye landmarks), the skin band
 * just above the eye is stretched down over it, with a dark line where the lids meet; `size` scales the patch.
 */
export function closeEyes(img: DecodedImage, eyes: { left: EyeSpot; right: EyeSpot }, size = 1): DecodedImage {
  const out = new Uint8Array(img.rgb);
  for (const { x: ex, y: ey, width } of [eyes.left, eyes.right]) {
    const halfW = width * 0.7 * Math.sqrt(size);
    const halfH = width * 0.38 * size;
    const lid = ey - halfH * 1.25; // the band of skin above the eye, under the brow
    for (let y = Math.round(ey - halfH); y <= Math.round(ey + halfH); y++) {
      for (let x = Math.round(ex - halfW); x <= Math.round(ex + halfW); x++) {
        if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
        const dx = (x - ex) / halfW;
        const dy = (y - ey) / halfH;
        const w = Math.min(1, Math.max(0, 1.6 * (1 - dx * dx - dy * dy))); // soft-edged ellipse
        if (w <= 0) continue;
        const src = Math.round(Math.max(0, Math.min(img.height - 1, lid + (y - ey) * 0.15)));
        const o = (y * img.width + x) * 3;
        const s = (src * img.width + x) * 3;
        const lash = Math.abs(y - (ey + halfH * 0.15)) < Math.max(1, width * 0.04) && Math.abs(dx) < 0.75 ? 0.5 : 1;
        for (let c = 0; c < 3; c++) out[o + c] = (out[o + c] * (1 - w) + img.rgb[s + c] * w) * (lash < 1 ? lash : 1);
      }
    }
  }
  return { ...img, rgb: out };
}

/** A camera's view of the same scene: a small shift, brightness change and noise (for a still shown in every frame). */
export function jitter(img: DecodedImage, r: Rng): DecodedImage {
  const dx = (r() - 0.5) * 6;
  const dy = (r() - 0.5) * 6;
  const gain = 0.85 + r() * 0.3;
  const moved = remap(img, (x, y) => [x + dx, y + dy]);
  for (let i = 0; i < moved.rgb.length; i++) moved.rgb[i] = Math.max(0, Math.min(255, moved.rgb[i] * gain + (r() - 0.5) * 12));
  return moved;
}

const BAYER = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];

/**
 * A printed photo photographed again: CMY-like halftone (ordered dither, a different screen offset per ink),
 * ink that cannot reach black and paper that is not white (warm), paper grain, the sheet tilted (a random
 * perspective) and bent (a shallow cylinder), then camera blur, sensor noise and JPEG.
 */
export async function printAndRecapture(img: DecodedImage, r: Rng): Promise<DecodedImage> {
  const { width, height } = img;
  // 1. print: halftone per channel, limited gamut, warm paper, grain
  const printed = new Uint8Array(img.rgb.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const grain = (r() - 0.5) * 18;
      for (let c = 0; c < 3; c++) {
        const threshold = (BAYER[((y + c) % 4) * 4 + ((x + 2 * c) % 4)] + 0.5) * 16;
        const v = img.rgb[o + c];
        const dot = v > threshold ? 1 : 0;
        const ink = 0.55 * v + 0.45 * (dot * 255); // dots spread on paper: half tone, half continuous
        const paper = [246, 240, 226][c];
        printed[o + c] = Math.max(0, Math.min(255, 28 + (ink / 255) * (paper - 28) + grain));
      }
    }
  }
  const sheet: DecodedImage = { width, height, rgb: printed };
  // 2. the sheet in front of the camera: 80 % of the frame, tilted in depth and bent around an upright axis
  const scale = 0.8;
  const tiltX = (r() - 0.5) * 0.0006; // perspective terms of a homography
  const tiltY = (r() - 0.5) * 0.0006;
  const bend = (r() - 0.5) * 0.5;
  const cx = width / 2;
  const cy = height / 2;
  const held = remap(sheet, (x, y) => {
    const u = (x - cx) / (width * scale / 2);
    const v = (y - cy) / (height * scale / 2);
    const w = 1 + tiltX * (x - cx) + tiltY * (y - cy);
    let su = u / w;
    const sv = v / w;
    if (Math.abs(su) < 1) su = Math.sin(Math.asin(su) + bend * 0.3) / Math.cos(bend * 0.3);
    return [cx + su * width / 2, cy + sv * height / 2];
  });
  // 3. the camera: blur, noise, JPEG
  const { data, info } = await sharp(held.rgb, { raw: { width, height, channels: 3 } })
    .blur(0.8 + r() * 0.6).jpeg({ quality: 80 }).toBuffer({ resolveWithObject: true })
    .then(({ data: jpeg }) => sharp(jpeg).raw().toBuffer({ resolveWithObject: true }));
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Math.max(0, Math.min(255, data[i] + (r() - 0.5) * 10));
  return { width: info.width, height: info.height, rgb: out };
}

/** Encodes a frame as the camera would send it. */
export const toJpeg = (img: DecodedImage, quality = 85) =>
  sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } }).jpeg({ quality }).toBuffer();
