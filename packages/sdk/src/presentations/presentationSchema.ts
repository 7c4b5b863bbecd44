import type { Presentation } from './types.js';
import { presentationSchema } from './presentationSchemaDefinition.js';
import { Presentation as generatedPresentation } from './gen/presentationValidator.js';

export { presentationSchema };

// Compiled ahead of time by ajv (standalone code); `npm test` checks it is current.
const validate = generatedPresentation as unknown as ((input: unknown) => input is Presentation) & { errors?: { instancePath: string; message?: string }[] | null };

/** Returns null when `input` has the shape of a presentation, else a message naming the first problem. */
export function presentationShapeError(input: unknown): string | null {
  if (!validate(input)) {
    const e = validate.errors![0]!;
    return `${e.instancePath || '(presentation)'} ${e.message}`;
  }
  // A lone surrogate has no UTF-8 encoding: every one becomes U+FFFD in the leaf, so two different
  // strings would hash alike and a forged value could pass for the committed one.
  for (const [c, credential] of input.credentials.entries()) {
    for (const [d, disclosure] of credential.disclosures.entries()) {
      for (const field of ['name', 'value'] as const) {
        if (!isWellFormedUnicode(disclosure[field])) return `/credentials/${c}/disclosures/${d}/${field} is not well-formed Unicode (a lone surrogate)`;
      }
    }
  }
  return null;
}

/** String.prototype.isWellFormed, which Node 20's TypeScript lib does not declare. */
export const isWellFormedUnicode = (s: string): boolean => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
