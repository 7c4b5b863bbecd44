import { FaceTooSmallError, NoFaceError, SeveralFacesError } from '../errors.js';
import type { FaceObservation } from './types.js';

/** Smallest face width (pixels of the decoded image) that gives a stable embedding; faceres crops to 224. */
export const MIN_FACE_PX = 64;

/**
 * The one face of a picture, or a typed error: no face, several faces, a face too small. Apart from the
 * decoder, so a camera frame in the browser is judged by the same rules as an uploaded photo.
 *
 * @example
 * const face = oneFace(await engine.observe(frame))
 */
export function oneFace(faces: FaceObservation[], minFacePx = MIN_FACE_PX): FaceObservation {
  if (faces.length === 0) throw new NoFaceError();
  if (faces.length > 1) throw new SeveralFacesError(faces.length);
  const [face] = faces;
  if (face.box[2] < minFacePx) throw new FaceTooSmallError(face.box[2], minFacePx);
  return face;
}
