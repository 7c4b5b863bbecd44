import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { turnHead, type Box } from '../testing/syntheticFrames.js';
import { FaceModelLoadError, NoFaceError, SeveralFacesError } from '../errors.js';
import { createHumanEngine } from '../human/createHumanEngine.js';
import { cosineSimilarity } from '../login/cosineSimilarity.js';
import { decodeImage } from '../pipeline/decodeImage.js';
import { extractFace } from '../pipeline/extractFace.js';
import { createFaceApiEngine } from './createFaceApiEngine.js';

// Real photos shipped inside the @vladmandic/human npm package (MIT): one face, and a sheet of several.
const assets = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/human')), '..', 'assets');
const oneFace = await readFile(path.join(assets, 'screenshot-faceid.jpg'));
const severalFaces = await readFile(path.join(assets, 'samples.jpg'));
const engine = await createFaceApiEngine();

test('one face gives a unit-length 128-value faceRecognitionNet embedding that matches the same photo re-encoded', async () => {
  const a = await extractFace({ engine, image: oneFace });
  assert.equal(a.embedding.length, 128);
  assert.ok(Math.abs(Math.hypot(...a.embedding) - 1) < 1e-3);
  assert.match(engine.model, /^face-api@1\.7\.\d+\/faceRecognitionNet$/);
  const reencoded = await sharp(oneFace).jpeg({ quality: 70 }).toBuffer();
  assert.ok(cosineSimilarity(a.embedding, (await extractFace({ engine, image: reencoded })).embedding) > 0.97);
});

test('an image without a face is refused as NoFaceError, several people as SeveralFacesError', async () => {
  const wall = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 190, b: 170 } } }).jpeg().toBuffer();
  await assert.rejects(extractFace({ engine, image: wall }), NoFaceError);
  await assert.rejects(extractFace({ engine, image: severalFaces }), SeveralFacesError);
});

test('a head turned (a depth warp of the photo) reads with the same yaw sign on face-api as on human', async () => {
  // the liveness check reads yaw's sign; both engines must agree on it for the same turned face
  const human = await createHumanEngine();
  const image = await decodeImage(oneFace);
  const [h] = await human.observe(image);
  for (const angle of [-0.7, 0.7]) {
    const turned = turnHead(image, h.box as Box, angle);
    const [byHuman] = await human.observe(turned);
    const [byFaceApi] = await engine.observe(turned);
    assert.ok(byHuman && byFaceApi, `turn ${angle}: a face for both engines`);
    assert.equal(Math.sign(byFaceApi.yaw), Math.sign(byHuman.yaw), `turn ${angle}: human ${byHuman.yaw}, face-api ${byFaceApi.yaw}`);
    assert.ok(Math.abs(byFaceApi.yaw) > 0.15, `turn ${angle}: face-api read yaw ${byFaceApi.yaw}`);
  }
  await human.dispose();
});

test('a model folder without the models is a FaceModelLoadError, not a download', async () => {
  await assert.rejects(createFaceApiEngine({ modelDir: path.join(assets, 'no-such-models') }), FaceModelLoadError);
});
