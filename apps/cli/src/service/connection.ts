import { createIdentreeClient, type IdentreeClient } from '@identree/client';
import { refusal, unreachable } from './serviceErrors.js';

/** The parts of an openapi-fetch result the CLI looks at. */
type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * The typed client for one service, and `expect`, which turns any refusal into a CliError naming
 * the problem and what to do. Every command talks to the service only through this.
 */
export class Connection {
  private expiresAt = Number.POSITIVE_INFINITY;
  private renew?: () => Promise<SessionToken>;

  /** Authority writes go through the service's sponsor as signed messages (`--sponsored`): the key needs no ether. */
  sponsored = false;

  constructor(readonly service: string, private accessToken?: string) {}

  api(withToken = true): IdentreeClient {
    return createIdentreeClient({ baseUrl: this.service, fetch: withToken ? (request) => this.sendSignedIn(request) : patientFetch });
  }

  setToken(token: string): void {
    this.accessToken = token;
  }

  /**
   * A sign-in that renews itself: a batch of 10,000 rows outlives one access token, so the token is
   * renewed (a fresh SIWE sign-in with the same key) shortly before it expires, and once more if the
   * service refuses it anyway (restarted with a new signing key, or a clock apart from ours).
   */
  setSession(session: SessionToken, renew: () => Promise<SessionToken>): void {
    this.accessToken = session.accessToken;
    this.expiresAt = session.expiresAt;
    this.renew = renew;
  }

  private async sendSignedIn(request: Request): Promise<Response> {
    if (this.renew && this.expiresAt - Date.now() < 60_000) await this.renewSession();
    const response = await patientFetch(withBearer(request, this.accessToken));
    if (response.status !== 401 || !this.renew) return response;
    await response.body?.cancel();
    await this.renewSession();
    return patientFetch(withBearer(request, this.accessToken));
  }

  private renewing?: Promise<void>;
  private renewSession(): Promise<void> {
    // Many rows are in flight at once; they share one renewal rather than each signing in.
    this.renewing ??= this.renew!()
      .then((session) => { this.accessToken = session.accessToken; this.expiresAt = session.expiresAt; })
      .finally(() => { this.renewing = undefined; });
    return this.renewing;
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

export type SessionToken = { accessToken: string; expiresAt: number };

function withBearer(request: Request, token: string | undefined): Request {
  const signed = request.clone();
  if (token) signed.headers.set('authorization', `Bearer ${token}`);
  return signed;
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
