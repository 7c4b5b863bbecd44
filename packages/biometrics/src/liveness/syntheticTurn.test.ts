import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { collectFacePhotos } from '../../eval/faceSources.js';
import { createHumanEngine } from '../human/createHumanEngine.js';
import { decodeImage } from '../pipeline/decodeImage.js';
import type { DecodedImage } from '../pipeline/types.js';

/** The liveness check's threshold for a turned head (checkObservedLiveness: |yaw| ≥ 0.35 rad). */
const TURNED = 0.35;

/**
 * A head turn faked from a still photo: the face's columns remapped as if drawn on a cylinder turned by
 * `angle` radians (the middle moves towards one side, that side compresses). What a browser test
 * could feed Chromium's fake camera to perform a turn step from one photo.
 */
function cylinderTurn(image: DecodedImage, box: [number, number, number, number], angle: number, radius: number): DecodedImage {
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

const obama = collectFacePhotos().find((p) => path.basename(p.file) === 'obama.jpg');

test('a head turn faked by warping a still photo is not read as a turn: what the face mesh reports stays under the threshold', { skip: obama ? undefined : 'obama.jpg (face_recognition\'s test images) is not in the cache' }, async (t) => {
  const engine = await createHumanEngine();
  after(() => engine.dispose());
  const image = await decodeImage(await sharp(obama!.file).resize({ width: 480, height: 360, fit: 'contain', background: { r: 128, g: 128, b: 128 } }).jpeg().toBuffer());
  const [face] = await engine.observe(image);
  assert.ok(face && Math.abs(face.yaw) < 0.15, 'the photo faces the camera');
  const yaws: number[] = [];
  for (const radius of [0.55, 0.75]) {
    for (const angle of [-1.3, -1.1, -0.9, -0.7, -0.5, 0.5, 0.7, 0.9, 1.1, 1.3]) {
      const faces = await engine.observe(cylinderTurn(image, face.box, angle, radius));
      if (faces.length === 1) yaws.push(faces[0].yaw);
    }
  }
  assert.ok(yaws.length >= 8, `the warped face is still found in most frames (${yaws.length})`);
  const widest = Math.max(...yaws.map(Math.abs));
  t.diagnostic(`${yaws.length} warped frames with one face; widest yaw ${widest.toFixed(3)} rad`);
  assert.ok(widest < TURNED, `the widest yaw read from a warped still is ${widest.toFixed(3)} rad`);
});
