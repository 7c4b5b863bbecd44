import { getTemplate } from '../templates/getTemplate.js';
import { degradeAsPhoto, type PhotoConditions } from './degradeAsPhoto.js';
import { drawIdentity } from './drawIdentity.js';
import { renderDocument } from './renderDocument.js';
import { seededRandom } from './seededRandom.js';

export type GenerateDocumentParameters = {
  templateId: string;
  /** The corpus seed; with `index`, it fixes the person, the drawing and the photo. */
  seed: string;
  index: number;
  /** Also photograph it (perspective, rotation, light, blur, noise, JPEG 50). */
  degraded?: boolean;
};

export type GenerateDocumentReturnType = {
  id: string;
  templateId: string;
  /** The clean document, PNG. */
  clean: Buffer;
  /** The phone photo of it, JPEG at quality 50, when asked for. */
  degraded?: Buffer;
  conditions?: PhotoConditions;
  printed: Record<string, string>;
  truth: Record<string, string>;
};

/**
 * Draws one synthetic document, the same bytes for the same template, seed and index.
 *
 * @example
 * const doc = generateDocument({ templateId: 'residence-card', seed: 'bench', index: 0, degraded: true });
 */
export function generateDocument({ templateId, seed, index, degraded = false }: GenerateDocumentParameters): GenerateDocumentReturnType {
  const template = getTemplate(templateId);
  const id = `${templateId}-${String(index).padStart(4, '0')}`;
  const random = seededRandom(`${seed}/${id}`);
  const identity = drawIdentity(random.fork('identity'));
  const rendered = renderDocument({ template, identity, random: random.fork('render') });
  const clean = rendered.canvas.encodeSync('png');
  const result: GenerateDocumentReturnType = { id, templateId, clean, printed: rendered.printed, truth: rendered.truth };
  if (degraded) {
    const photo = degradeAsPhoto(rendered.canvas, random.fork('photo'));
    result.degraded = photo.jpeg;
    result.conditions = photo.conditions;
  }
  return result;
}
