import type { DecodedImage, FaceEngine, FaceObservation } from '@identree/biometrics/browser';

/** Runs the engine over each frame in turn (one at a time: tfjs in a page has one thread), reporting progress. */
export async function observeFrames(engine: FaceEngine, frames: DecodedImage[], onProgress: (done: number) => void): Promise<FaceObservation[][]> {
  const observations: FaceObservation[][] = [];
  for (const frame of frames) {
    observations.push(await engine.observe(frame));
    frame.rgb.fill(0);
    onProgress(observations.length);
  }
  return observations;
}
