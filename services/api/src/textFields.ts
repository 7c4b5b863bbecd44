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

/**
 * The first string (or property name) in `value` holding a control character, as the issue Ajv
 * would report for it, or null. `multiline` lists the instance paths (e.g. `/message`) where line
 * breaks and tabs are text. Only parsed JSON is walked: a Buffer or any other class is left alone.
 */
export function findControlCharacter(value: unknown, multiline: ReadonlySet<string> = new Set(), instancePath = ''): ValidationIssue | null {
  if (typeof value === 'string') {
    const rule = multiline.has(instancePath) ? CONTROL_BUT_LINES : CONTROL;
    return rule.test(value) ? { instancePath, message: MESSAGE, params: { keyword: 'controlCharacters' } } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const issue = findControlCharacter(value[i], multiline, `${instancePath}/${i}`);
      if (issue) return issue;
    }
    return null;
  }
  if (!isPlainObject(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (CONTROL.test(key)) return { instancePath, message: `${MESSAGE} in property names`, params: { keyword: 'controlCharacters' } };
    const issue = findControlCharacter(item, multiline, `${instancePath}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    if (issue) return issue;
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
