import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from '../gen/schema.js';

export type { components, operations, paths };
/** A schema the document names, e.g. `Schema<'PreparedTransaction'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
/** An authority write the sponsor relays: each `POST /prepare/{write}/relayed` path of the document, by its write name. */
export type RelayedAuthorityWrite = Extract<keyof paths, `/prepare/${string}/relayed`> extends `/prepare/${infer W}/relayed` ? W : never;
/** The body of one relayed authority write, as the document names it. */
export type RelayedAuthorityWriteBody<W extends RelayedAuthorityWrite> =
  paths[`/prepare/${W}/relayed`] extends { post: { requestBody?: { content: { 'application/json': infer B } } } } ? B : never;
/** The error body every route answers with: a code from the service's error table and a message that names the problem. */
export type ApiError = Schema<'Error'>;

export type IdentreeClientOptions = Omit<ClientOptions, 'baseUrl'> & {
  /** The API's address, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** A bearer token from `POST /auth/login`, sent on every call. */
  accessToken?: string;
};

/**
 * A typed client for the Identree API: every path, body and answer typed from the OpenAPI document
 * (openapi-fetch over openapi-typescript types). Calls answer `{ data }` or `{ error }`, never throw
 * for an HTTP error.
 *
 * @example
 * const api = createIdentreeClient({ baseUrl: 'http://127.0.0.1:8080', accessToken })
 * const { data, error } = await api.POST('/prepare/register-entity', { body: { entity, kind: 'Person' } })
 */
export function createIdentreeClient({ accessToken, headers, ...options }: IdentreeClientOptions) {
  return createClient<paths>({
    ...options,
    headers: { ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}), ...(headers as Record<string, string> | undefined) },
  });
}
export type IdentreeClient = ReturnType<typeof createIdentreeClient>;
