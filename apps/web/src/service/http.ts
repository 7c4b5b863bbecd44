/** An answer of the service that is not a success, with the message it gave, in words a user can act on. */
export class ServiceAnswerError extends Error {
  override name = 'ServiceAnswerError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** JSON from the service (same origin); errors carry the service's own description. */
export async function callService<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(path, {
    method: init?.method ?? 'GET',
    headers: init?.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ServiceAnswerError(res.status, data.error ?? 'error', data.error_description ?? data.message ?? `The service answered ${res.status}.`);
  return data as T;
}
