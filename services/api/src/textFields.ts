import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ValidationIssue } from './requestValidation.js';

/**
 * C0 controls, DEL and C1 controls. PostgreSQL refuses NUL in text and jsonb outright, and the
 * others have no place in an audience, a name or an identifier: they only hide text from a log
 * reader or split a header. One rule for every text field, keys included, so no route forgets it.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, less the line breaks and tab a multi-line field (a signed EIP-4361 message) carries. */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const MESSAGE = 'must not contain control characters';

/** JSON's objects, and the query-string parser's (a prototype of its own over null); not a Buffer or any class. */
const isPlainObject = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
};

/** Where a control character was found: the path's segments, innermost first, and whether it was in a property name. */
type Found = { segments: string[]; inKey: boolean };

/**
 * The first string (or property name) in `value` holding a control character, as the issue Ajv
 * would report for it, or null. `multiline` lists the instance paths (e.g. `/message`) where line
 * breaks and tabs are text. Only parsed JSON is walked: a Buffer or any other class is left alone.
 * The path is built only for what is found, so a clean body costs one regex test per string.
 */
export function findControlCharacter(value: unknown, multiline: ReadonlySet<string> = new Set()): ValidationIssue | null {
  const found = multiline.size === 0 ? walk(value) : walkLines(value, multiline, '');
  if (!found) return null;
  const instancePath = found.segments.reverse().map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
  return { instancePath, message: found.inKey ? `${MESSAGE} in property names` : MESSAGE, params: { keyword: 'controlCharacters' } };
}

/** The walk with no multi-line field: the hot path (every presentation is checked). */
function walk(value: unknown): Found | null {
  if (typeof value === 'string') return CONTROL.test(value) ? { segments: [], inKey: false } : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i]);
      if (found) return found.segments.push(String(i)), found;
    }
    return null;
  }
  if (!isPlainObject(value)) return null;
  for (const key in value) {
    if (CONTROL.test(key)) return { segments: [], inKey: true };
    const found = walk((value as Record<string, unknown>)[key]);
    if (found) return found.segments.push(key), found;
  }
  return null;
}

/** The same for a body with multi-line fields, tracking the path down to tell them. */
function walkLines(value: unknown, multiline: ReadonlySet<string>, path: string): Found | null {
  if (typeof value === 'string') return (multiline.has(path) ? CONTROL_BUT_LINES : CONTROL).test(value) ? { segments: [], inKey: false } : null;
  if (value === null || typeof value !== 'object' || (!Array.isArray(value) && !isPlainObject(value))) return null;
  for (const key in value) {
    if (!Array.isArray(value) && CONTROL.test(key)) return { segments: [], inKey: true };
    const found = walkLines((value as Record<string, unknown>)[key], multiline, `${path}/${key}`);
    if (found) return found.segments.push(key), found;
  }
  return null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Body fields (top-level names) whose text may hold line breaks and tabs, e.g. a signed message. */
    multilineText?: readonly string[];
  }
}

/** Fastify's validation error for `issue`, which the one error handler answers as a 400 naming the field. */
function validationError(context: 'body' | 'querystring' | 'params', issue: ValidationIssue) {
  return Object.assign(new Error(`${context}${issue.instancePath} ${issue.message}`), { validation: [issue], validationContext: context, statusCode: 400 });
}

/**
 * Refuses, before any route sees it, a request whose body, query string or path parameters hold a
 * control character anywhere: a 400 naming the field. Routes that parse their own body (the
 * presentation verifier) apply `findControlCharacter` in `compileBodyValidator` instead.
 */
export function refuseControlCharacters(app: FastifyInstance) {
  const multilineByRoute = new WeakMap<object, ReadonlySet<string>>();
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const config = request.routeOptions.config;
    let multiline = multilineByRoute.get(config);
    if (!multiline) multilineByRoute.set(config, (multiline = new Set((config.multilineText ?? []).map((field) => `/${field}`))));
    const checks = [['params', request.params, undefined], ['querystring', request.query, undefined], ['body', request.body, multiline]] as const;
    for (const [context, value, lines] of checks) {
      const issue = findControlCharacter(value, lines);
      if (issue) throw validationError(context, issue);
    }
  });
}
