import { FaceTooSmallError, NoFaceError, SeveralFacesError } from '../errors.js';
import { decodeImage } from './decodeImage.js';
import type { FaceEngine, FaceObservation } from './types.js';

/** Smallest face width (pixels of the decoded image) that gives a stable embedding; faceres crops to 224. */
export const MIN_FACE_PX = 64;

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
  const faces = await engine.observe(await decodeImage(image));
  if (faces.length === 0) throw new NoFaceError();
  if (faces.length > 1) throw new SeveralFacesError(faces.length);
  const [face] = faces;
  if (face.box[2] < minFacePx) throw new FaceTooSmallError(face.box[2], minFacePx);
  return face;
}
