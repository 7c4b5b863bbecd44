import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { ErrorReply, WriteReply } from '../routes/schemas.js';
import { PreparedTransaction } from '../routes/authorityWrites.js';
import { HolderTypedData } from '../routes/holderTypedData.js';
import { LoginReply, NonceReply } from '../auth/schemas.js';
import { ROUTE_DOCS } from './routeDocs.js';

/** Schemas the document names (`#/components/schemas/…`): every route answering one of them refers to it. */
const NAMED: Record<string, TSchema> = { Error: ErrorReply, WriteReply, PreparedTransaction, HolderTypedData, SiweNonce: NonceReply, LoginReply };
const shape = (schema: unknown) => JSON.stringify(schema, (key, value) => (key === 'description' || key === '$id' ? undefined : value));
const byShape = new Map(Object.entries(NAMED).map(([name, schema]) => [shape(schema), name]));

/** What each error status means on this service, with the codes of the error table it carries. */
const ERROR_STATUS: Record<string, string> = {
  400: 'invalid_request (the message names the field), invalid_transaction, invalid_cid, invalid_did',
  401: 'unauthorized: no valid access token (or login_failed, naming the field)',
  402: 'insufficient_funds: the signer cannot pay for the gas',
  403: 'forbidden, holder_suspended, or a registry refusal for this caller (e.g. entity_kind_not_allowed)',
  404: 'not_found, or a registry refusal naming something missing (e.g. entity_not_registered)',
  409: 'idempotency_key_reused, or a registry refusal of a duplicate (e.g. entity_already_registered)',
  410: 'grant_revoked, grant_expired, credential_revoked or holder_revoked',
  413: 'body_too_large: the body is over the route\'s limit',
  415: 'media_type_not_supported: send application/json',
  422: 'the registry\'s rules refused the write (its typed error, e.g. credential_invalid_source), or write_failed',
  429: 'rate_limited (retry after the Retry-After header), or sponsor_quota_exceeded: the sponsor\'s per-entity quota for relayed writes is used up',
  500: 'internal_error: nothing internal is said',
  502: 'upstream_error or chain_worker_error: a part answered wrongly',
  503: 'chain_unavailable, chain_worker_unavailable, database_unavailable or blob_store_unavailable: retry later',
};
const error = (status: string) => ({ $ref: 'Error#', description: ERROR_STATUS[status] ?? 'Error' });

/** `GET /entities/:address/tree` → `getEntitiesByAddressTree`: unique, for routes the docs table does not name. */
export const derivedOperationId = (method: string, url: string) =>
  method.toLowerCase() + url.split('/').filter(Boolean).map((s) => (s.startsWith(':') ? `By${cap(s.slice(1))}` : s.split(/[^A-Za-z0-9]/).map(cap).join(''))).join('');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The OpenAPI document as clients need it, from the routes' own schemas (never written by hand):
 * an operationId, summary and description on every operation, named component schemas, and every
 * status a route can answer with the shared error schema, 413, 415 and 503 included.
 */
export function openapiTransform({ schema, url, route }: { schema: Record<string, any> | undefined; url: string; route: RouteOptions }) {
  const method = String(Array.isArray(route.method) ? route.method[0] : route.method);
  const docs = ROUTE_DOCS[`${method} ${url}`];
  const out: Record<string, any> = { ...(schema ?? {}) };
  out.operationId ??= docs?.operationId ?? derivedOperationId(method, url);
  out.summary ??= docs?.summary;
  out.description ??= docs?.description ?? out.summary;
  if (docs?.body) out.body = docs.body;
  const response: Record<string, any> = {};
  for (const [status, value] of Object.entries<any>(out.response ?? {})) {
    const name = byShape.get(shape(value));
    if (name === 'Error') response[status] = error(status);
    else if (name) response[status] = { $ref: `${name}#`, description: value.description ?? docs?.reply ?? 'Success' };
    else response[status] = value.description ? value : { ...value, description: status.startsWith('2') ? docs?.reply ?? 'Success' : docs?.reply ?? ERROR_STATUS[status] ?? 'Error' };
  }
  Object.assign(response, docs?.responses ?? {});
  const takesInput = out.body || out.params || out.querystring || (out.headers && Object.keys(out.headers.properties ?? {}).length);
  const codes = [
    ...(takesInput ? ['400'] : []),
    ...(out.security ? ['401'] : []),
    ...(method === 'POST' || method === 'PUT' ? ['413', '415'] : []),
    // Writes the sponsor pays for answer its quota (sponsor_quota_exceeded).
    ...(out.security && out.headers && (method === 'POST' || method === 'PUT') ? ['429'] : []),
    '500',
    '503',
  ];
  for (const code of codes) response[code] ??= error(code);
  out.response = response;
  return { schema: out, url };
}

/** The @fastify/swagger options: components named by `$id`, every route through `openapiTransform`. */
export function openapiOptions(info: { title: string; version: string; description: string }): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      info,
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transform: openapiTransform as never,
  };
}

/** The named schemas, added once so responses may refer to them. */
export function addNamedSchemas(app: FastifyInstance) {
  for (const [name, schema] of Object.entries(NAMED)) app.addSchema({ ...schema, $id: name, title: name });
}
