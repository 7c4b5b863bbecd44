// The presentation's shape as data; its validator is generated ahead of time
// (scripts/generateValidators.ts), so checking a presentation needs no code generation at run time.

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

