import sharp from 'sharp';
import type { FaceEngine, FaceObservation } from '../pipeline/types.js';

/** A face port that returns, for each call, the next scripted list of faces: the template code runs without tfjs. */
export function scriptedEngine(script: FaceObservation[][]): FaceEngine & { calls: number } {
  const engine = {
    model: 'scripted/1',
    calls: 0,
    async observe() {
      const faces = script[engine.calls++];
      if (!faces) throw new Error('the script has no more frames');
      return faces.map((f) => ({ ...f, embedding: f.embedding.slice() }));
    },
    async dispose() {},
  };
  return engine;
}

/** A unit vector in 1024 dimensions, `seed` picking its direction, `noise` moving it a little. */
export function embeddingOf(seed: number, noise = 0): Float32Array {
  const v = Float32Array.from({ length: 1024 }, (_, i) => Math.sin(seed * 7.1 + i * 0.37 * seed) + noise * Math.cos(i * 1.3 + noise));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

export const faceAt = (embedding: Float32Array, extra: Partial<FaceObservation> = {}): FaceObservation => ({
  box: [100, 100, 160, 160], score: 0.99, embedding, yaw: 0, pitch: 0, eyeOpenness: { left: 0.3, right: 0.3 }, ...extra,
});

/** A small valid PNG: the scripted engine does not look at it, but decoding still runs. */
export const blankPng = () => sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 128, g: 128, b: 128 } } }).png().toBuffer();
