// The credential types' attribute schemas as data. Kept apart from their validators, which are
// generated from this file ahead of time (scripts/generateCredentialValidators.ts), so that
// validating needs no code generation at run time: a browser page under a strict
// Content-Security-Policy (no 'unsafe-eval') can issue and check credentials too.

const attributeName = '^[A-Za-z][A-Za-z0-9_]{0,63}$';
const text = { type: 'string', minLength: 1, maxLength: 256 } as const;

/**
 * JSON Schemas (draft 2020-12) of the attributes an issuer may put in each credential type.
 * Derived claims (ageOver18, ageOver21) are added by the SDK, never supplied by the caller.
 */
export const credentialSchemas = {
  BirthCertificate: {
    $id: 'https://identree.dev/schemas/BirthCertificate.json',
    type: 'object',
    additionalProperties: false,
    required: ['givenName', 'fatherLastName', 'birthDate', 'sex', 'municipality', 'state'],
    properties: {
      givenName: text,
      fatherLastName: text,
      motherLastName: text,
      birthDate: { type: 'string', format: 'date' },
      sex: { enum: ['F', 'M', 'X'] },
      municipality: text,
      state: text,
      country: { type: 'string', pattern: '^[A-Z]{2}$' },
    },
  },
  ScholarCurriculum: {
    $id: 'https://identree.dev/schemas/ScholarCurriculum.json',
    type: 'object',
    additionalProperties: false,
    required: ['studentId', 'program'],
    properties: {
      studentId: { type: 'string', pattern: '^[A-Za-z0-9-]{1,32}$' },
      program: text,
      institution: text,
      enrolledOn: { type: 'string', format: 'date' },
      graduatedOn: { type: 'string', format: 'date' },
    },
  },
  Generic: {
    $id: 'https://identree.dev/schemas/Generic.json',
    type: 'object',
    minProperties: 1,
    maxProperties: 64,
    // `id` is the subject's DID in the VC document, so it cannot be an attribute.
    propertyNames: { pattern: attributeName, not: { const: 'id' } },
    additionalProperties: { anyOf: [{ type: 'string', maxLength: 1024 }, { type: 'number' }, { type: 'boolean' }] },
  },
} as const;

