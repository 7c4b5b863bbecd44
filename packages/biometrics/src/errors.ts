import { IdentreeError } from '@identree/sdk';

/** Root of the face-login errors: each way a face can be refused has its own class. */
export class BiometricsError extends IdentreeError {
  override name = 'BiometricsError';
}

/** The bytes are not an image the decoder reads (JPEG, PNG, WebP, GIF, TIFF, AVIF). */
export class NotAnImageError extends BiometricsError {
  override name = 'NotAnImageError';
  constructor(cause?: unknown) {
    super('The upload is not an image: send a JPEG or PNG photo of one face.', { cause });
  }
}

/** No face was found in the image. */
export class NoFaceError extends BiometricsError {
  override name = 'NoFaceError';
  constructor() {
    super('No face was found: face the camera in good light.');
  }
}

/** More than one face: the template must be one person's. */
export class SeveralFacesError extends BiometricsError {
  override name = 'SeveralFacesError';
  constructor(readonly count: number) {
    super(`${count} faces were found: only the holder may be in the picture.`);
  }
}

/** The face is too small for a reliable embedding. */
export class FaceTooSmallError extends BiometricsError {
  override name = 'FaceTooSmallError';
  constructor(readonly sizePx: number, readonly minimumPx: number) {
    super(`The face is ${Math.round(sizePx)} px wide; at least ${minimumPx} px is needed: come closer to the camera.`);
  }
}

/** A model could not be read from disk, or something asked to fetch one over the network. */
export class FaceModelLoadError extends BiometricsError {
  override name = 'FaceModelLoadError';
  constructor(readonly url: string, reason: string, cause?: unknown) {
    super(`The face model at ${url} could not be loaded: ${reason}.`, { cause });
  }
}

/** The holder has no face template (never enrolled, or erased). */
export class FaceTemplateNotFoundError extends BiometricsError {
  override name = 'FaceTemplateNotFoundError';
  constructor(readonly holder: string) {
    super(`${holder} has no face template: enroll first.`);
  }
}

/** The face does not match the template. Deliberately carries no score. */
export class FaceMismatchError extends BiometricsError {
  override name = 'FaceMismatchError';
  constructor() {
    super('The face does not match the enrolled template.');
  }
}

/** The frames do not perform the liveness challenge. */
export class LivenessChallengeFailedError extends BiometricsError {
  override name = 'LivenessChallengeFailedError';
  constructor(readonly reason: string) {
    super(`The liveness challenge failed: ${reason}.`);
  }
}

/**
 * The anti-spoof gate read the frames as a spoof (a photo, a screen): a liveness failure of its own, so a page can
 * say so. The scores stay on the device, in `real` and `live`, for its log only.
 */
export class SpoofSuspectedError extends LivenessChallengeFailedError {
  override name = 'SpoofSuspectedError';
  constructor(readonly real: number, readonly live: number) {
    super(`the anti-spoof models read a spoof (real ${real.toFixed(2)}, live ${live.toFixed(2)})`);
  }
}

/** The template was enrolled with another face model than the engine at hand: embeddings of two models never compare. */
export class FaceTemplateModelMismatchError extends BiometricsError {
  override name = 'FaceTemplateModelMismatchError';
  constructor(readonly templateModel: string, readonly engineModel: string) {
    super(`The face template was enrolled with ${templateModel}; this device now uses ${engineModel}: re-enroll your face to log in with it.`);
  }
}
