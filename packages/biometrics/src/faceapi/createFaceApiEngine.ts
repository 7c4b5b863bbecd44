import { createRequire } from 'node:module';
import path from 'node:path';
import { FaceModelLoadError } from '../errors.js';
import type { DecodedImage, FaceEngine, FaceObservation } from '../pipeline/types.js';

const require = createRequire(import.meta.url);
// face-api has no exports map: its WebAssembly build is required by file path; it takes tfjs (4.22) and the
// WebAssembly backend from node_modules, the same instances human uses, so both engines can share one process.
const faceApiBundle = require.resolve('@vladmandic/face-api/dist/face-api.node-wasm.js');
const faceApiModels = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));

type Point = { x: number; y: number };
type FaceApi = typeof import('@vladmandic/face-api');
const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
/** Eye aspect ratio on the 68-point layout: lid gaps over eye width (about 0.3 open, under 0.15 closed). */
const eyeAspect = (p: Point[]) => (dist(p[1], p[5]) + dist(p[2], p[4])) / (2 * dist(p[0], p[3]) || 1);
/**
 * Yaw from where the nose tip sits between the jaw's two sides (68-point indices 2, 30, 14): centred is 0,
 * nearer the image's left side is a face turned to the image's left (positive, as in human's convention).
 * face-api's own `angle.yaw` is a pixel difference, not an angle, so it is not used.
 */
const yawOf = (p: Point[]) => {
  const span = p[14].x - p[2].x;
  const r = span > 0 ? (p[30].x - p[2].x) / span : 0.5;
  return Math.asin(Math.max(-1, Math.min(1, 1 - 2 * r)));
};
const normalise = (values: ArrayLike<number>) => {
  const out = Float32Array.from(values);
  const norm = Math.hypot(...out) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
};

export type FaceApiEngine = FaceEngine & { readonly modelLoadMs: number };
export type CreateFaceApiEngineParameters = { modelDir?: string; maxFaces?: number; minConfidence?: number };

/**
 * The face port on `@vladmandic/face-api` 1.7: SSD MobileNet v1 detection, the 68-point landmark net for
 * alignment, and `faceRecognitionNet` (a ResNet-34 after dlib's, 128 values, L2-normalised here), on tfjs's
 * WebAssembly backend, every model read with `fs` from the package's `model/` folder (nothing is fetched).
 * Yaw and eye openness come from the 68 landmarks: coarser than human's mesh, so liveness stays on human.
 *
 * @example
 * const engine = await createFaceApiEngine()
 * const faces = await engine.observe(await decodeImage(jpeg))
 */
export async function createFaceApiEngine({ modelDir = faceApiModels, maxFaces = 5, minConfidence = 0.5 }: CreateFaceApiEngineParameters = {}): Promise<FaceApiEngine> {
  const started = performance.now();
  const faceapi = require(faceApiBundle) as FaceApi;
  const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string, usePlatformFetch?: boolean): void };
  // Node's fetch has no file: scheme; without platform fetch the backend reads the .wasm file from disk
  wasm.setWasmPaths(wasmDir + path.sep, false);
  const tf = faceapi.tf as unknown as {
    setBackend(name: string): Promise<boolean>; ready(): Promise<void>;
    tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): unknown; dispose(t: unknown): void;
  };
  if (!(await tf.setBackend('wasm'))) throw new FaceModelLoadError(wasmDir, 'the tfjs WebAssembly backend did not start');
  await tf.ready();
  try {
    await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
    await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
    await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  } catch (error) {
    throw new FaceModelLoadError(modelDir, 'face-api could not read its models from disk', error);
  }
  const modelLoadMs = performance.now() - started;
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence, maxResults: maxFaces });
  return {
    model: `face-api@${faceapi.version}/faceRecognitionNet`,
    modelLoadMs,
    async observe(image: DecodedImage): Promise<FaceObservation[]> {
      const tensor = tf.tensor3d(image.rgb, [image.height, image.width, 3], 'int32');
      try {
        const results = await faceapi.detectAllFaces(tensor as never, options).withFaceLandmarks().withFaceDescriptors();
        return results.map((r) => {
          const p = r.landmarks.positions as Point[];
          const box = r.detection.box;
          return {
            box: [box.x, box.y, box.width, box.height] as [number, number, number, number],
            score: r.detection.score,
            embedding: normalise(r.descriptor),
            yaw: yawOf(p),
            pitch: 0,
            eyeOpenness: { left: eyeAspect(p.slice(36, 42)), right: eyeAspect(p.slice(42, 48)) },
          };
        });
      } finally {
        tf.dispose(tensor);
      }
    },
    async dispose() {
      // the nets hold their weights for the process's life; nothing per call is left to free
    },
  };
}
