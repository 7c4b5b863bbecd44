import { openFaceTemplate, type FaceTemplateEnvelope } from '@identree/sdk';
import type { Hex } from 'viem';
import { cosineSimilarity } from './cosineSimilarity.js';
import { DEFAULT_FACE_THRESHOLD } from './faceMatchResultHash.js';

export type MatchFaceTemplateParameters = {
  /** The live face's embedding; zeroed once compared. */
  embedding: Float32Array;
  /** The engine's model: a template made by another model never matches. */
  model: string;
  template: { envelope: FaceTemplateEnvelope; model: string; ciphertext: Uint8Array };
  /** The holder's (or a guardian's) private key: the template is opened here and nowhere else. */
  privateKey: Hex;
  threshold?: number;
};
export type MatchFaceTemplateReturnType = { matched: boolean; threshold: number };

/**
 * Opens a sealed template with the key at hand and compares it with a live embedding. Both are zeroed
 * afterwards; the answer is the outcome only, never the score.
 *
 * @example
 * const { matched } = matchFaceTemplate({ embedding, model: engine.model, template, privateKey })
 */
export function matchFaceTemplate({ embedding, model, template, privateKey, threshold = DEFAULT_FACE_THRESHOLD }: MatchFaceTemplateParameters): MatchFaceTemplateReturnType {
  const enrolled = openFaceTemplate({ envelope: template.envelope, ciphertext: template.ciphertext, privateKey });
  const matched = template.model === model && cosineSimilarity(enrolled, embedding) >= threshold;
  enrolled.fill(0);
  embedding.fill(0);
  return { matched, threshold };
}
