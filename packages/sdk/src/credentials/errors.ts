import { IdentreeError } from '../errors/base.js';

/** The credential type has no schema in this SDK. */
export class UnknownCredentialTypeError extends IdentreeError {
  override name = 'UnknownCredentialTypeError';
  constructor(readonly credentialType: string) {
    super(`Unknown credential type "${credentialType}": use one of the schemas in credentialSchemas, or "Generic".`);
  }
}

/** Attributes failed their credential type's JSON Schema. */
export class AttributeSchemaError extends IdentreeError {
  override name = 'AttributeSchemaError';
  constructor(
    readonly credentialType: string,
    readonly problems: { attribute: string; message: string }[],
  ) {
    super(
      `Attributes do not match the ${credentialType} schema: ${problems.map((p) => `${p.attribute} ${p.message}`).join('; ')}`,
    );
  }
}
