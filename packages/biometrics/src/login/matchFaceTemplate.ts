import { openFaceTemplate, type FaceTemplateEnvelope } from '@identree/sdk';
import type { Hex } from 'viem';
import { FaceTemplateModelMismatchError } from '../errors.js';
import { cosineSimilarity } from './cosineSimilarity.js';
import { faceThreshold } from './faceMatchResultHash.js';

export type MatchFaceTemplateParameters = {
  /** The live face's embedding; zeroed once compared. */
  embedding: Float32Array;
  /** The engine's model: a template made by another model is refused with `FaceTemplateModelMismatchError` (re-enroll). */
  model: string;
  template: { envelope: FaceTemplateEnvelope; model: string; ciphertext: Uint8Array };
  /** The holder's (or a guardian's) private key: the template is opened here and nowhere else. */
  privateKey: Hex;
  /** @default faceThreshold(model) */
  threshold?: number;
};
export type MatchFaceTemplateReturnType = { matched: boolean; threshold: number };

/**
 * Opens a sealed template with the key at hand and compares it with a live embedding. Both are zeroed
 * afterwards; the answer is the outcome only, never the score. A template enrolled with another model than the
 * engine's is refused before it is opened, with an error that says to re-enroll.
 *
 * @example
 * const { matched } = matchFaceTemplate({ embedding, model: engine.model, template, privateKey })
 */
export function matchFaceTemplate({ embedding, model, template, privateKey, threshold = faceThreshold(model) }: MatchFaceTemplateParameters): MatchFaceTemplateReturnType {
  if (template.model !== model) {
    embedding.fill(0);
    throw new FaceTemplateModelMismatchError(template.model, model);
  }
  const enrolled = openFaceTemplate({ envelope: template.envelope, ciphertext: template.ciphertext, privateKey });
  const matched = cosineSimilarity(enrolled, embedding) >= threshold;
  enrolled.fill(0);
  embedding.fill(0);
  return { matched, threshold };
}
