import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { FaceModelLoadError, FaceTooSmallError, NoFaceError, NotAnImageError, SeveralFacesError } from '../errors.js';
import { cosineSimilarity } from '../login/cosineSimilarity.js';
import { faceThreshold } from '../login/faceMatchResultHash.js';
import { extractFace } from '../pipeline/extractFace.js';
import { createHumanEngine } from './createHumanEngine.js';
import { registerDiskModelLoader } from './diskModelLoader.js';

// Real photos shipped inside the @vladmandic/human npm package (MIT): one face, and a sheet of several.
const assets = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/human')), '..', 'assets');
const oneFace = await readFile(path.join(assets, 'screenshot-faceid.jpg'));
const severalFaces = await readFile(path.join(assets, 'samples.jpg'));
const engine = await createHumanEngine();
after(() => engine.dispose());

test('one face gives a unit-length 128-value faceRecognitionNet embedding, and the same photo matches itself', async () => {
  assert.match(engine.model, /^human@3\.\d+\.\d+\/face-api@1\.\d+\.\d+\/faceRecognitionNet$/);
  const a = await extractFace({ engine, image: oneFace });
  assert.equal(a.embedding.length, 128);
  assert.ok(Math.abs(Math.hypot(...a.embedding) - 1) < 1e-3);
  const reencoded = await sharp(oneFace).jpeg({ quality: 70 }).toBuffer();
  assert.ok(cosineSimilarity(a.embedding, (await extractFace({ engine, image: reencoded })).embedding) >= faceThreshold(engine.model));
});

test('bytes that are not an image are refused as NotAnImageError', async () => {
  await assert.rejects(extractFace({ engine, image: new TextEncoder().encode('%PDF-1.7 not a photo') }), NotAnImageError);
});

test('an image without a face is refused as NoFaceError', async () => {
  const wall = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 190, b: 170 } } }).jpeg().toBuffer();
  await assert.rejects(extractFace({ engine, image: wall }), NoFaceError);
});

test('a photo of several people is refused as SeveralFacesError', async () => {
  await assert.rejects(extractFace({ engine, image: severalFaces }), SeveralFacesError);
});

test('a face far from the camera is refused as FaceTooSmallError', async () => {
  // the face is 134 px wide in the 800 px photo: at 320 px it is about 54 px, under the 64 px floor
  const far = await sharp(oneFace).resize({ width: 320 }).jpeg().toBuffer();
  await assert.rejects(extractFace({ engine, image: far }), FaceTooSmallError);
});

test('a model behind a URL or outside the model folder is refused, never fetched', async () => {
  // human keeps its models in module state, so a second engine in this process would reuse them: the router is checked itself.
  let router: ((url: string) => { load(): Promise<unknown> } | null) | undefined;
  const io = { registerLoadRouter: (r: typeof router) => void (router = r), getModelArtifactsForJSON: async () => ({}) };
  registerDiskModelLoader(io as Parameters<typeof registerDiskModelLoader>[0], '/opt/models');
  await assert.rejects(router!('https://example.invalid/faceres.json')!.load(), FaceModelLoadError);
  await assert.rejects(router!('file:///etc/faceres.json')!.load(), /outside the model folders/);
});
