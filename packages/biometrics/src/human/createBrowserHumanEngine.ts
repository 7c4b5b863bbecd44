import { Human } from '@vladmandic/human';
import * as faceapi from '@vladmandic/face-api';
import { FaceModelLoadError } from '../errors.js';
import type { DecodedImage, FaceEngine, FaceObservation } from '../pipeline/types.js';
import { cutFaceChip, FACE_CHIP_PX, type ChipTf } from './faceRecognitionChip.js';
import { humanFaceConfig, humanFaceModelCount, toObservations, type HumanFace } from './humanFaces.js';

export type BrowserHumanEngine = FaceEngine & { readonly modelLoadMs: number };
export type CreateBrowserHumanEngineParameters = {
  /**
   * Where the page's own origin serves human's face models (blazeface, facemesh, iris) and face-api's
   * faceRecognitionNet (face_recognition_model-weights_manifest.json and .bin), ending in '/'.
   */
  modelBasePath: string;
  /** Where it serves tfjs-backend-wasm's .wasm files, ending in '/'. */
  wasmPath: string;
  maxFaces?: number;
  /**
   * Also run human's antispoof and liveness models (antispoof.json/.bin, liveness.json/.bin at `modelBasePath`),
   * so observations carry `spoof` for the gate a challenge may ask for. @default false
   */
  spoofGate?: boolean;
};

type FaceApiTf = {
  setWasmPaths(prefix: string): void; setBackend(name: string): Promise<boolean>; ready(): Promise<void>;
  tensor4d(values: Float32Array, shape: [number, number, number, number]): { dispose(): void };
};

/**
 * The face port in a browser: the same models, settings and reading of the result as `createHumanEngine`
 * (so the model names agree and a template enrolled here matches on the CLI), from human's and face-api's
 * browser ESM builds on tfjs's WebAssembly backend. Each build carries its own tfjs, so the 150×150 chip
 * human's tfjs cuts is handed to face-api's as pixel values (67,500 numbers). Models and .wasm files come
 * from the URLs given, which the app points at its own origin: nothing is fetched from elsewhere.
 *
 * @example
 * const engine = await createBrowserHumanEngine({ modelBasePath: '/app/face/models/', wasmPath: '/app/face/wasm/' })
 */
export async function createBrowserHumanEngine({ modelBasePath, wasmPath, maxFaces = 5, spoofGate = false }: CreateBrowserHumanEngineParameters): Promise<BrowserHumanEngine> {
  const started = performance.now();
  const human = new Human(humanFaceConfig({ wasmPath, modelBasePath, maxFaces, spoofGate }));
  await human.load();
  const loaded = human.models.loaded();
  const wanted = humanFaceModelCount('faceRecognitionNet', spoofGate);
  if (loaded.length < wanted) throw new FaceModelLoadError(modelBasePath, `human loaded ${loaded.length} of its ${wanted} face models (${loaded.join(', ') || 'none'})`);
  const ftf = faceapi.tf as unknown as FaceApiTf;
  try {
    ftf.setWasmPaths(wasmPath);
    if (!(await ftf.setBackend('wasm'))) throw new Error('the tfjs WebAssembly backend did not start');
    await ftf.ready();
    // a page that made an engine before (without the gate) already holds the net
    if (!faceapi.nets.faceRecognitionNet.isLoaded) await faceapi.nets.faceRecognitionNet.loadFromUri(modelBasePath);
  } catch (error) {
    throw new FaceModelLoadError(modelBasePath, 'face-api could not load faceRecognitionNet', error);
  }
  const modelLoadMs = performance.now() - started;
  const tf = human.tf;
  const describe = async (frame: unknown, mesh: [number, number][], width: number, height: number) => {
    const chip = cutFaceChip(tf as unknown as ChipTf, frame, mesh, width, height) as unknown as { data(): Promise<Float32Array>; dispose(): void };
    const pixels = await chip.data();
    chip.dispose();
    const input = ftf.tensor4d(pixels, [1, FACE_CHIP_PX, FACE_CHIP_PX, 3]);
    try {
      const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input as never);
      return Array.isArray(descriptor) ? descriptor[0] : descriptor;
    } finally {
      input.dispose();
    }
  };
  return {
    model: `human@${human.version}/face-api@${faceapi.version}/faceRecognitionNet`,
    modelLoadMs,
    async observe(image: DecodedImage): Promise<FaceObservation[]> {
      const tensor = tf.tensor4d(image.rgb, [1, image.height, image.width, 3], 'int32');
      try {
        const faces = (await human.detect(tensor)).face as HumanFace[];
        for (const face of faces) {
          const mesh = face.mesh as [number, number][];
          if (mesh?.length > 400) face.embedding = await describe(tensor, mesh, image.width, image.height);
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
