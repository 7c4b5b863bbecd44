import { AttributeSchemaError, UnknownCredentialTypeError } from './errors.js';
import { credentialSchemas } from './credentialSchemaDefinitions.js';
import * as generated from './gen/credentialValidators.js';

export { credentialSchemas };

export type CredentialSchemaName = keyof typeof credentialSchemas;
export type AttributeValues = Record<string, string | number | boolean>;

type Validator = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; message?: string; params: object; propertyName?: string }[] | null };
// Compiled ahead of time by ajv (standalone code), one per schema; `npm test` checks they are current.
const validators = generated as unknown as Record<CredentialSchemaName, Validator>;

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
  // A bad attribute name is reported twice by ajv: by the rule it broke (which names it) and by `propertyNames` around it.
  const problems = (validate.errors ?? []).filter((e) => e.keyword !== 'propertyNames').map((e) => {
    if (e.propertyName !== undefined) return { attribute: e.propertyName, message: `is not an allowed attribute name${e.keyword === 'pattern' ? ` (${e.message})` : ''}` };
    const missing = (e.params as { missingProperty?: string; additionalProperty?: string }) ?? {};
    const attribute = missing.missingProperty ?? missing.additionalProperty ?? (e.instancePath.replace(/^\//, '') || '(attributes)');
    return { attribute, message: e.message ?? 'is invalid' };
  });
  throw new AttributeSchemaError(schema, problems);
}
