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
    return createIdentreeClient({ baseUrl: this.service, accessToken: withToken ? this.accessToken : undefined });
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
