// The face engines the evaluation compares, each behind the same FaceEngine port. `human+face-api/faceRecognitionNet`
// (human's detection and mesh, face-api's embedding on a chip cut around the mesh) is the pipeline's default; the
// others are candidates measured on the same crops (eval:face) and timed (bench:face).
import type { FaceEngine } from '../src/exports/index.js';
import { createFaceApiEngine } from '../src/exports/faceapi.js';
import { createHumanEngine } from '../src/exports/human.js';
import { humanModelsDir } from './humanModels.js';

export type EngineName = 'human+face-api/faceRecognitionNet' | 'human/faceres' | 'face-api/faceRecognitionNet' | 'human/mobilefacenet' | 'human/faceres-deep';
export const DEFAULT_ENGINE: EngineName = 'human+face-api/faceRecognitionNet';
export const ENGINE_NAMES: EngineName[] = ['human+face-api/faceRecognitionNet', 'human/faceres', 'face-api/faceRecognitionNet', 'human/mobilefacenet', 'human/faceres-deep'];
export type LoadedEngine = FaceEngine & { modelLoadMs: number };

/** Loads one engine by name; null when its models cannot be had offline (human-models not fetched). */
export async function loadEngine(name: EngineName, { maxFaces = 5 } = {}): Promise<LoadedEngine | null> {
  switch (name) {
    case 'human+face-api/faceRecognitionNet':
      return createHumanEngine({ maxFaces });
    case 'human/faceres':
      return createHumanEngine({ maxFaces, embedding: 'faceres' });
    case 'face-api/faceRecognitionNet':
      return createFaceApiEngine({ maxFaces });
    case 'human/mobilefacenet':
    case 'human/faceres-deep': {
      const modelDir = humanModelsDir();
      return modelDir ? createHumanEngine({ maxFaces, embedding: { name: name === 'human/mobilefacenet' ? 'mobilefacenet' : 'faceres-deep', modelDir } }) : null;
    }
  }
}

/** FACE_ENGINES=a,b picks engines by name; unknown names are refused rather than skipped. */
export function enginesFromEnv(value = process.env.FACE_ENGINES): EngineName[] {
  if (!value) return ENGINE_NAMES;
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !ENGINE_NAMES.includes(n as EngineName));
  if (unknown.length) throw new Error(`FACE_ENGINES: unknown engine ${unknown.join(', ')} (known: ${ENGINE_NAMES.join(', ')})`);
  return names as EngineName[];
}
