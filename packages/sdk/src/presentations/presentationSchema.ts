import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Presentation } from './types.js';

const hash = { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' } as const;
const address = { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$' } as const;

/** Limits keep one request's work bounded: 16 credentials × 64 disclosures, proofs up to 64 nodes. */
export const presentationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'holder', 'audience', 'nonce', 'issuedAt', 'expiresAt', 'credentials', 'signature'],
  properties: {
    type: { const: 'IdentreePresentation2026' },
    holder: address,
    audience: { type: 'string', minLength: 1, maxLength: 256 },
    nonce: hash,
    issuedAt: { type: 'integer', minimum: 0, maximum: 2 ** 40 },
    expiresAt: { type: 'integer', minimum: 0, maximum: 2 ** 40 },
    signature: { type: 'string', pattern: '^0x[0-9a-fA-F]{130}$' },
    credentials: {
      type: 'array',
      minItems: 1,
      maxItems: 16,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['chainId', 'registry', 'issuer', 'commitment', 'uid', 'type', 'disclosures', 'proof', 'proofFlags'],
        properties: {
          chainId: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
          registry: address,
          issuer: address,
          commitment: hash,
          uid: hash,
          type: { type: 'string', minLength: 1, maxLength: 64 },
          disclosures: {
            type: 'array',
            minItems: 1,
            maxItems: 64,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'value', 'salt'],
              properties: {
                name: { type: 'string', minLength: 1, maxLength: 64 },
                value: { type: 'string', maxLength: 1024 },
                salt: hash,
              },
            },
          },
          proof: { type: 'array', maxItems: 64, items: hash },
          proofFlags: { type: 'array', maxItems: 128, items: { type: 'boolean' } },
        },
      },
    },
  },
} as const;

const validate = new Ajv2020({ allErrors: false, strict: true }).compile<Presentation>(presentationSchema);

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
