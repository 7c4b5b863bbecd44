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
export type CreateHumanEngineParameters = { modelDir?: string; maxFaces?: number };

/**
 * The face port on `@vladmandic/human` 3.x: BlazeFace detection, face-mesh alignment with iris, and
 * the `faceres` embedding (1024 values), on tfjs's WebAssembly backend, every model read from the
 * files inside the npm package. Frame caching is off: each call is a fresh detection, as a login needs.
 *
 * @example
 * const engine = await createHumanEngine()
 * const faces = await engine.observe(await decodeImage(jpeg))
 */
export async function createHumanEngine({ modelDir = humanModels, maxFaces = 5 }: CreateHumanEngineParameters = {}): Promise<HumanEngine> {
  const started = performance.now();
  const { Human } = require(humanBundle) as typeof import('@vladmandic/human');
  const human = new Human(humanFaceConfig({ wasmPath: wasmDir + path.sep, modelBasePath: pathToFileURL(modelDir).href + '/', maxFaces }));
  registerDiskModelLoader(human.tf.io, modelDir);
  await human.load();
  const loaded = human.models.loaded();
  if (loaded.length < HUMAN_FACE_MODELS) throw new FaceModelLoadError(modelDir, `human loaded ${loaded.length} of its ${HUMAN_FACE_MODELS} face models (${loaded.join(', ') || 'none'})`);
  const modelLoadMs = performance.now() - started;
  const tf = human.tf;
  return {
    model: `human@${human.version}/faceres`,
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
