import { Human } from '@vladmandic/human';
import { FaceModelLoadError } from '../errors.js';
import type { DecodedImage, FaceEngine, FaceObservation } from '../pipeline/types.js';
import { HUMAN_FACE_MODELS, humanFaceConfig, toObservations } from './humanFaces.js';

export type BrowserHumanEngine = FaceEngine & { readonly modelLoadMs: number };
export type CreateBrowserHumanEngineParameters = {
  /** Where the page's own origin serves human's face models (blazeface, facemesh, iris, faceres), ending in '/'. */
  modelBasePath: string;
  /** Where it serves tfjs-backend-wasm's .wasm files, ending in '/'. */
  wasmPath: string;
  maxFaces?: number;
};

/**
 * The face port in a browser: the same models, settings and reading of the result as `createHumanEngine`
 * (so the model names agree and a template enrolled here matches on the CLI), from human's browser ESM
 * build on tfjs's WebAssembly backend. Models and .wasm files come from the URLs given, which the app
 * points at its own origin: nothing is fetched from elsewhere.
 *
 * @example
 * const engine = await createBrowserHumanEngine({ modelBasePath: '/app/face/models/', wasmPath: '/app/face/wasm/' })
 */
export async function createBrowserHumanEngine({ modelBasePath, wasmPath, maxFaces = 5 }: CreateBrowserHumanEngineParameters): Promise<BrowserHumanEngine> {
  const started = performance.now();
  const human = new Human(humanFaceConfig({ wasmPath, modelBasePath, maxFaces }));
  await human.load();
  const loaded = human.models.loaded();
  if (loaded.length < HUMAN_FACE_MODELS) throw new FaceModelLoadError(modelBasePath, `human loaded ${loaded.length} of its ${HUMAN_FACE_MODELS} face models (${loaded.join(', ') || 'none'})`);
  const modelLoadMs = performance.now() - started;
  const tf = human.tf;
  return {
    model: `human@${human.version}/faceres`,
    modelLoadMs,
    async observe(image: DecodedImage): Promise<FaceObservation[]> {
      const tensor = tf.tensor4d(image.rgb, [1, image.height, image.width, 3], 'int32');
      try {
        return toObservations((await human.detect(tensor)).face);
      } finally {
        tf.dispose(tensor);
      }
    },
    async dispose() {
      tf.disposeVariables();
    },
  };
}
