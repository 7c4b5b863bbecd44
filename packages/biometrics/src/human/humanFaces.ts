import type { FaceObservation } from '../pipeline/types.js';

// Shared by the Node and the browser adapters: one configuration and one reading of human's result,
// so a template enrolled in a browser is compared on equal terms with one enrolled by the CLI.

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

/**
 * What describes the face: face-api's `faceRecognitionNet` on a chip cut around human's mesh (the default,
 * see faceRecognitionChip.ts), human's own `faceres`, or another human embedding model (the evaluation's comparison).
 */
export type HumanDescriber = 'faceRecognitionNet' | 'faceres' | { name: 'faceres-deep' | 'mobilefacenet'; modelPath: string };

/**
 * Human's settings for face login: detection, mesh, iris, and faceres only when it describes the face; frame caching
 * off, so each call is a fresh detection. `spoofGate` adds human's antispoof and liveness models (checkLiveness's gate).
 */
export const humanFaceConfig = ({ wasmPath, modelBasePath, maxFaces, describer = 'faceRecognitionNet', spoofGate = false }: {
  wasmPath: string; modelBasePath: string; maxFaces: number; describer?: HumanDescriber; spoofGate?: boolean;
}) => {
  const other = typeof describer === 'object' ? { enabled: true, skipFrames: 0, skipTime: 0, modelPath: describer.modelPath } : undefined;
  const gate = { enabled: spoofGate, skipFrames: 0, skipTime: 0 };
  return {
  backend: 'wasm' as const, wasmPath, modelBasePath, debug: false, cacheModels: false,
  cacheSensitivity: 0, async: false, filter: { enabled: false }, warmup: 'none' as const,
  face: {
    // the hybrid cuts its chip from the frame itself, so human's face tensor is not returned
    enabled: true, detector: { rotation: true, maxDetected: maxFaces, skipFrames: 0, skipTime: 0, minConfidence: 0.5, return: false },
    mesh: { enabled: true }, iris: { enabled: true, skipFrames: 0, skipTime: 0 },
    description: other && typeof describer === 'object' && describer.name === 'faceres-deep' ? other : { enabled: describer === 'faceres', skipFrames: 0, skipTime: 0 },
    ...(typeof describer === 'object' && describer.name === 'mobilefacenet' ? { mobilefacenet: other } : {}),
    emotion: { enabled: false }, antispoof: gate, liveness: gate, attention: { enabled: false }, gear: { enabled: false },
  },
  body: { enabled: false }, hand: { enabled: false }, object: { enabled: false }, gesture: { enabled: false }, segmentation: { enabled: false },
  };
};

/** How many models human loads for face login: blazeface, facemesh, iris, the describer unless it is face-api's, and the gate's two. */
export const humanFaceModelCount = (describer: HumanDescriber = 'faceRecognitionNet', spoofGate = false) =>
  3 + (describer === 'faceRecognitionNet' ? 0 : 1) + (spoofGate ? 2 : 0);

export type HumanFace = {
  box: unknown; score: number; embedding?: ArrayLike<number>; mesh?: unknown; rotation?: { angle: { yaw: number; pitch: number } } | null;
  /** antispoof's and liveness's scores, in [0, 1], when the gate runs (human leaves out a score of 0). */
  real?: number; live?: number;
};

/**
 * Human's faces as the port's observations; faces without an embedding (too cropped to describe) are left out.
 * With the spoof gate's models on, every face carries both scores (human leaves a score of 0 out).
 */
export const toObservations = (faces: HumanFace[], spoofGate = false): FaceObservation[] =>
  faces
    .filter((face) => face.embedding && face.embedding.length > 0)
    .map((face) => {
      const mesh = (face.mesh ?? []) as Point[];
      return {
        box: face.box as [number, number, number, number],
        score: face.score,
        embedding: normalise(face.embedding!),
        yaw: face.rotation?.angle.yaw ?? 0,
        pitch: face.rotation?.angle.pitch ?? 0,
        eyeOpenness: { left: openness(mesh, EYES.left), right: openness(mesh, EYES.right) },
        ...(mesh.length > 386 ? { eyes: { left: spot(mesh, EYES.left), right: spot(mesh, EYES.right) } } : {}),
        ...(spoofGate ? { spoof: { real: face.real ?? 0, live: face.live ?? 0 } } : {}),
      };
    });
