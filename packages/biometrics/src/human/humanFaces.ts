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

/** Human's settings for face login: detection, mesh, iris and faceres only; frame caching off, so each call is a fresh detection. */
export const humanFaceConfig = ({ wasmPath, modelBasePath, maxFaces, embedding }: {
  wasmPath: string; modelBasePath: string; maxFaces: number;
  /** Another embedding model instead of faceres (the evaluation's comparison): its name and the URL of its .json. */
  embedding?: { name: 'faceres-deep' | 'mobilefacenet'; modelPath: string };
}) => {
  const other = embedding && { enabled: true, skipFrames: 0, skipTime: 0, modelPath: embedding.modelPath };
  return {
  backend: 'wasm' as const, wasmPath, modelBasePath, debug: false, cacheModels: false,
  cacheSensitivity: 0, async: false, filter: { enabled: false }, warmup: 'none' as const,
  face: {
    enabled: true, detector: { rotation: true, maxDetected: maxFaces, skipFrames: 0, skipTime: 0, minConfidence: 0.5, return: false },
    mesh: { enabled: true }, iris: { enabled: true, skipFrames: 0, skipTime: 0 },
    description: embedding?.name === 'faceres-deep' ? other : { enabled: true, skipFrames: 0, skipTime: 0 },
    ...(embedding?.name === 'mobilefacenet' ? { mobilefacenet: other } : {}),
    emotion: { enabled: false }, antispoof: { enabled: false }, liveness: { enabled: false }, attention: { enabled: false }, gear: { enabled: false },
  },
  body: { enabled: false }, hand: { enabled: false }, object: { enabled: false }, gesture: { enabled: false }, segmentation: { enabled: false },
  };
};

/** The four models face login loads. */
export const HUMAN_FACE_MODELS = 4;

type HumanFace = { box: unknown; score: number; embedding?: number[]; mesh?: unknown; rotation?: { angle: { yaw: number; pitch: number } } | null };

/** Human's faces as the port's observations; faces without an embedding (too cropped to describe) are left out. */
export const toObservations = (faces: HumanFace[]): FaceObservation[] =>
  faces
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
