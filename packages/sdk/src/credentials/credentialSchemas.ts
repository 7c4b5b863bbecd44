import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { AttributeSchemaError, UnknownCredentialTypeError } from './errors.js';

// ajv-formats is CommonJS; its default export arrives nested under NodeNext resolution.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

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

export type CredentialSchemaName = keyof typeof credentialSchemas;
export type AttributeValues = Record<string, string | number | boolean>;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validators = Object.fromEntries(
  Object.entries(credentialSchemas).map(([name, schema]) => [name, ajv.compile(schema)]),
) as Record<CredentialSchemaName, ReturnType<Ajv2020['compile']>>;

export function isCredentialSchemaName(name: string): name is CredentialSchemaName {
  return Object.hasOwn(credentialSchemas, name);
}

/**
 * Checks attributes against their type's schema and names every offending attribute.
 *
 * @example
 * validateAttributes('BirthCertificate', { givenName: 'Ana', ... })
 */
export function validateAttributes(schema: string, attributes: unknown): asserts attributes is AttributeValues {
  if (!isCredentialSchemaName(schema)) throw new UnknownCredentialTypeError(schema);
  const validate = validators[schema];
  if (validate(attributes)) return;
  const problems = (validate.errors ?? []).map((e) => {
    const missing = (e.params as { missingProperty?: string; additionalProperty?: string }) ?? {};
    const attribute = missing.missingProperty ?? missing.additionalProperty ?? (e.instancePath.replace(/^\//, '') || '(attributes)');
    return { attribute, message: e.message ?? 'is invalid' };
  });
  throw new AttributeSchemaError(schema, problems);
}
