import { BiometricsError, FaceModelLoadError, FaceTooSmallError, LivenessChallengeFailedError, NoFaceError, SeveralFacesError, SpoofSuspectedError, type LivenessStep } from '@identree/biometrics/browser';
import { ServiceAnswerError } from '../service/http.js';

/**
 * What each liveness step asks, in words. The check reads the step from the picture as the camera sees
 * it: 'turn-left' is the face turning towards the picture's left, which is the person's own right.
 */
export const STEP_WORDS: Record<LivenessStep, string> = {
  'turn-left': 'Turn your head to your right',
  'turn-right': 'Turn your head to your left',
  blink: 'Close your eyes for a moment',
};

/** Why face enrollment or face sign-in failed, in words a user can act on. Never a similarity score. */
export function faceErrorWords(error: unknown): string {
  if (error instanceof NoFaceError) return 'No face found — face the camera in good light.';
  if (error instanceof SeveralFacesError) return `${error.count} faces are in view — only you should be in front of the camera.`;
  if (error instanceof FaceTooSmallError) return 'Your face is too far away — come closer to the camera.';
  if (error instanceof SpoofSuspectedError) {
    return 'This service checks that the camera sees a live face, and it read this one as a photo or a screen. Nothing was sent. Face the camera yourself, in even light, and start again.';
  }
  if (error instanceof LivenessChallengeFailedError) {
    if (/expired/.test(error.reason)) return 'The steps took too long. Start again.';
    if (/faces/.test(error.reason)) return 'Your face left the picture, or someone else came into it. Stay alone in view and start again.';
    if (/another person/.test(error.reason)) return 'Someone else came into the picture. Stay alone in view and start again.';
    return 'We could not see you do the steps as asked. A photo or a screen held up to the camera is refused. Start again and follow the steps on screen.';
  }
  if (error instanceof FaceModelLoadError) return 'The face models could not be loaded from this site. Reload the page and try again.';
  if (error instanceof BiometricsError) return error.message;
  if (error instanceof ServiceAnswerError) {
    if (error.code === 'face_not_matched') return 'Your face does not match the face enrolled for this identity. Nothing was signed in.';
    if (error.code === 'template_not_found') return 'No face is enrolled for this identity. Enroll your face in your wallet first, or sign in with your key.';
    if (error.code === 'too_many_face_failures') return `Too many failed face sign-ins. ${error.message}`;
    return error.message;
  }
  if ((error as Error)?.name === 'FaceTemplateDecryptionError') return 'This key cannot open the enrolled face: it was enrolled for another key. Enroll again with this key.';
  return (error as Error)?.message ?? String(error);
}
