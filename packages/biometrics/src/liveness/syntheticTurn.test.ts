import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { collectFacePhotos } from '../../eval/faceSources.js';
import { createHumanEngine } from '../human/createHumanEngine.js';
import { decodeImage } from '../pipeline/decodeImage.js';
import { cylinderTurn } from '../testing/cylinderTurn.js';

/** The liveness check's threshold for a turned head (checkObservedLiveness: |yaw| ≥ 0.35 rad). */
const TURNED = 0.35;

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
