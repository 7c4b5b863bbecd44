import { createIdentreeClient, type IdentreeClient } from '@identree/client';
import { ServiceAnswerError } from './http.js';

/**
 * The typed client (`@identree/client`, generated from the service's OpenAPI document) for this page's
 * own service, on the same origin; with a token, as the signed-in key. Paths, bodies and answers are
 * checked against the document at build time, so a renamed route or field fails `tsc`, not a user.
 */
export const serviceClient = (token?: string): IdentreeClient => createIdentreeClient({ baseUrl: window.location.origin, accessToken: token });

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The data of a typed call, or the service's own description of what went wrong, as a ServiceAnswerError. */
export async function answer<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { error?: string; message?: string; error_description?: string };
  throw new ServiceAnswerError(response.status, body.error ?? 'error', body.error_description ?? body.message ?? `The service answered ${response.status}.`);
}
