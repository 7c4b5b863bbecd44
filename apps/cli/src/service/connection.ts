import { createIdentreeClient, type IdentreeClient } from '@identree/client';
import { refusal, unreachable } from './serviceErrors.js';

/** The parts of an openapi-fetch result the CLI looks at. */
type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * The typed client for one service, and `expect`, which turns any refusal into a CliError naming
 * the problem and what to do. Every command talks to the service only through this.
 */
export class Connection {
  constructor(readonly service: string, private accessToken?: string) {}

  api(withToken = true): IdentreeClient {
    return createIdentreeClient({ baseUrl: this.service, accessToken: withToken ? this.accessToken : undefined, fetch: patientFetch });
  }

  setToken(token: string): void {
    this.accessToken = token;
  }

  get token(): string | undefined {
    return this.accessToken;
  }

  async expect<T>(call: Promise<Result<T>>): Promise<T> {
    let result: Result<T>;
    try {
      result = await call;
    } catch (error) {
      throw unreachable(this.service, (error as { cause?: unknown }).cause ?? error);
    }
    if (result.error !== undefined || !result.response.ok) throw refusal(result.response.status, result.error);
    return result.data as T;
  }

  /** Like `expect`, but also hands back the status (writes answer 200 confirmed or 202 pending). */
  async expectWithStatus<T>(call: Promise<Result<T>>): Promise<{ data: T; status: number }> {
    let result: Result<T>;
    try {
      result = await call;
    } catch (error) {
      throw unreachable(this.service, (error as { cause?: unknown }).cause ?? error);
    }
    if (result.error !== undefined || !result.response.ok) throw refusal(result.response.status, result.error);
    return { data: result.data as T, status: result.response.status };
  }
}

/**
 * The service limits how fast one client or account may create state, answering 429 with
 * Retry-After. A long batch is such a client: it waits as told and asks again (a 429 means the
 * request was not processed), up to ten times, rather than failing a row.
 */
export async function patientFetch(request: Request): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(request.clone());
    if (response.status !== 429 || attempt >= 10) return response;
    const seconds = Number(response.headers.get('retry-after'));
    await response.body?.cancel();
    await new Promise((r) => setTimeout(r, Math.min(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000 * 2 ** attempt, 60_000)));
  }
}
