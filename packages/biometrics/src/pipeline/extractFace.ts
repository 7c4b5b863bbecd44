import { decodeImage } from './decodeImage.js';
import { MIN_FACE_PX, oneFace } from './oneFace.js';
import type { FaceEngine, FaceObservation } from './types.js';

export { MIN_FACE_PX } from './oneFace.js';

export type ExtractFaceParameters = { engine: FaceEngine; image: Uint8Array; minFacePx?: number };
export type ExtractFaceReturnType = FaceObservation;

/**
 * Decodes a photo and returns its one face, or a typed error: not an image, no face, several
 * faces, a face too small.
 *
 * @example
 * const { embedding } = await extractFace({ engine, image: jpegBytes })
 */
export async function extractFace({ engine, image, minFacePx = MIN_FACE_PX }: ExtractFaceParameters): Promise<ExtractFaceReturnType> {
  return oneFace(await engine.observe(await decodeImage(image)), minFacePx);
}
