import type { DecodedImage } from '../pipeline/types.js';

/**
 * A head turn faked from a still photo: the face's columns remapped as if drawn on a cylinder turned by
 * `angle` radians (the middle moves towards one side, that side compresses). What a browser test
 * could feed Chromium's fake camera to perform a turn step from one photo.
 */
export function cylinderTurn(image: DecodedImage, box: [number, number, number, number], angle: number, radius: number): DecodedImage {
  const { width: W, height: H, rgb } = image;
  const [bx, by, bw, bh] = box;
  const cx = bx + bw / 2;
  const cy = by + bh / 2;
  const R = bw * radius;
  const out = new Uint8Array(rgb.length);
  for (let y = 0; y < H; y++) {
    const v = Math.min(1, Math.abs(y - cy) / (bh * 1.1));
    const rowWeight = v < 0.7 ? 1 : Math.max(0, 1 - (v - 0.7) / 0.3);
    for (let x = 0; x < W; x++) {
      const u = (x - cx) / R;
      let sx = x;
      if (Math.abs(u) < 1) {
        const t = Math.asin(u) - angle;
        const onCylinder = Math.abs(t) < Math.PI / 2 ? cx + R * Math.sin(t) : x;
        sx = x + (onCylinder - x) * rowWeight * Math.min(1, (1 - Math.abs(u)) * 4);
      }
      sx = Math.min(W - 1, Math.max(0, sx));
      const x0 = Math.floor(sx);
      const x1 = Math.min(W - 1, x0 + 1);
      const f = sx - x0;
      for (let c = 0; c < 3; c++) out[(y * W + x) * 3 + c] = rgb[(y * W + x0) * 3 + c] * (1 - f) + rgb[(y * W + x1) * 3 + c] * f;
    }
  }
  return { width: W, height: H, rgb: out };
}
