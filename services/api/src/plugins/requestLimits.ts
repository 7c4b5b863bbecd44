import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { ErrorReply } from '../routes/schemas.js';
import { tooManyRequests } from '../auth/errors.js';

/** What a limited route creates; each has its own counters. */
export type LimitedAction = 'nonces' | 'blobs' | 'shares' | 'webhooks' | 'writes';
export const LIMITED_ACTIONS: readonly LimitedAction[] = ['nonces', 'blobs', 'shares', 'webhooks', 'writes'];

/** Requests per window: per client (IP address) and per signed-in account; 0 turns a limit off. */
export type RequestLimits = {
  windowMs: number;
  perClient: Record<LimitedAction, number>;
  perIdentity: Record<LimitedAction, number>;
  /**
   * `POST /auth/nonce` per client address: every sign-in starts there. Counted by the auth routes'
   * own limiter, since signing in happens before an identity is known. @default 30
   */
  signInsPerClient?: number;
};

/** Generous enough for a verifier's backend or a registry office behind one address; see the README table. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  windowMs: 60_000,
  perClient: { nonces: 1_200, blobs: 120, shares: 120, webhooks: 30, writes: 240 },
  perIdentity: { nonces: 0, blobs: 60, shares: 60, webhooks: 10, writes: 60 },
  signInsPerClient: 30,
};

/**
 * Registered authorities sign and pay for their own transactions and answer for them on chain: a
 * registry office's day of births or a university's diplomas (`identree … --batch`) is thousands
 * of writes and deliveries, and is not throttled like an anonymous client. The role is the
 * entity's kind at sign-in; a suspended or revoked authority signs in as a visitor and is limited.
 */
const AUTHORITY_ROLES = new Set(['Government', 'Admin', 'Issuer']);

/**
 * Which routes create state, and what. Writes are every route that takes an Idempotency-Key (the
 * outbox's routes), so a new write route is limited without being listed here.
 */
function actionOf(route: RouteOptions): LimitedAction | null {
  const method = ([] as string[]).concat(route.method);
  const headers = (route.schema?.headers as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (headers?.['idempotency-key']) return 'writes';
  if (method.includes('POST') && route.url === '/presentations/nonce') return 'nonces';
  if (method.includes('POST') && route.url === '/blobs') return 'blobs';
  if (method.includes('PUT') && route.url === '/shares') return 'shares';
  if (method.includes('POST') && route.url === '/webhooks') return 'webhooks';
  if (method.includes('POST') && (route.url === '/deliveries' || route.url === '/credential-offers' || route.url === '/credentials/:uid/status-entry')) return 'writes';
  return null;
}

/**
 * Rate limits on every route that creates state, counted per client address and, once the route's
 * own preHandler has signed the caller in, per account, so a flood from one address or one account
 * is answered 429 with Retry-After while everyone else goes on. Counters are @fastify/rate-limit's
 * in-memory store: per service instance.
 */
export const requestLimitsPlugin = fp<{ limits: RequestLimits }>(
  async (app, { limits }) => {
    await app.register(rateLimit, { global: false });
    const limiter = (max: number, key?: (request: FastifyRequest) => string) =>
      max > 0 ? app.createRateLimit({ max, timeWindow: limits.windowMs, ...(key ? { keyGenerator: key } : {}) }) : null;
    const hooks = new Map<LimitedAction, (request: FastifyRequest, reply: FastifyReply) => Promise<void>>();
    for (const action of LIMITED_ACTIONS) {
      // The plugin's own key: the client's address, IPv6 ones by their /56, so one host cannot rotate through its subnet.
      const perClient = limiter(limits.perClient[action]);
      const perIdentity = limiter(limits.perIdentity[action], (request) => request.user!.address.toLowerCase());
      hooks.set(action, async function limitRequests(request, reply) {
        if (action === 'writes' && request.user && AUTHORITY_ROLES.has(request.user.role)) return;
        for (const check of [perClient, request.user ? perIdentity : null]) {
          if (!check) continue;
          const state = await check(request);
          if (!state.isAllowed && state.isExceeded) {
            reply.header('retry-after', state.ttlInSeconds);
            throw tooManyRequests(state.ttlInSeconds);
          }
        }
      });
    }
    app.addHook('onRoute', (route) => {
      const action = actionOf(route);
      if (!action) return;
      // After the route's own preHandler (its sign-in check), so the account is known.
      route.preHandler = [...([] as NonNullable<RouteOptions['preHandler']>[]).concat(route.preHandler ?? []).flat(), hooks.get(action)!] as never;
      if (route.schema?.response && typeof route.schema.response === 'object') route.schema.response = { ...(route.schema.response as object), 429: ErrorReply };
    });
  },
  { name: 'request-limits', dependencies: ['auth'] },
);

/** The sign-in nonce limit the auth routes take: `signInsPerClient` per window, or none for 0. */
export function signInLimit(limits: RequestLimits): { max: number; timeWindow: number } | false {
  const max = limits.signInsPerClient ?? DEFAULT_REQUEST_LIMITS.signInsPerClient!;
  return max > 0 ? { max, timeWindow: limits.windowMs } : false;
}
