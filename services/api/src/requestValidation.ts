import AjvCompiler from '@fastify/ajv-compiler';
import type { TSchema } from '@sinclair/typebox';
import { findControlCharacter } from './textFields.js';

/**
 * How the service's Ajv validates requests: no coercion, no removal, first error only. app.ts
 * hands these to Fastify; `compileBodyValidator` builds the same validator outside Fastify (a
 * verification thread validates the bodies it parses), so both answer the same 400.
 */
export const ajvOptions = { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } } as const;

/** One Ajv error, as Fastify puts it in `error.validation`. */
export type ValidationIssue = { instancePath: string; message?: string; params: Record<string, unknown> };

/**
 * A body validator built exactly as Fastify builds a route's (same compiler package, same
 * options, same formats plugin), plus the service's refusal of control characters in text: null
 * when `body` is valid, else the first issue.
 */
export function compileBodyValidator(schema: TSchema): (body: unknown) => ValidationIssue | null {
  const build = AjvCompiler()({}, { customOptions: { ...ajvOptions.customOptions }, plugins: [] } as never);
  const validate = build({ schema, method: 'POST', url: '', httpPart: 'body' } as never) as ((data: unknown) => boolean) & { errors?: ValidationIssue[] | null };
  return (body) => {
    // The same refusal of control characters every Fastify-parsed body gets (textFields.ts).
    if (validate(body)) return findControlCharacter(body);
    const [first] = validate.errors ?? [];
    return { instancePath: first?.instancePath ?? '', message: first?.message, params: { ...first?.params } };
  };
}
