import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createLocalJWKSet, type JWK } from 'jose';
import { hashMessage, recoverPublicKey, type Address, type Client, type Hex } from 'viem';
import { publicKeyToAddress } from 'viem/accounts';
import { forbidden, unauthorized } from '../errors.js';
import { signAccessToken, verifyAccessToken, type AuthUser } from './accessToken.js';
import { loginFailed, tooManyRequests } from './errors.js';
import type { LoginNonceStore } from '@identree/store';
import { ErrorReply, JwksReply, LoginBody, LoginReply, NonceReply, SIWE_STATEMENT } from './schemas.js';
import { loadSigningKey, type LoadSigningKeyParameters, type PublicSigningJwk } from '@identree/store';
import { verifySiweLogin, type SiweLoginPolicy } from './verifySiweLogin.js';

/** The role of an account that signed in but is not registered on chain. */
export const VISITOR_ROLE = 'visitor';
/** Resources of the face routes' SIWE messages (template request, match, mismatch): never a key login's. */
const FACE_PURPOSE_RESOURCES = ['urn:identree:face-'] as const;

export type RateLimit = { max: number; timeWindow: number | string };

export type AuthPluginOptions = {
  /** RFC 3986 authority login messages must name: the web app's host, e.g. `id.example.org`. */
  domain: string;
  /** URI login messages must name, e.g. `https://id.example.org`. */
  uri: string;
  /** Chain login messages must name: the chain the registry lives on. */
  chainId: number;
  /** The service's public URL: `iss` of the tokens it signs. */
  issuer: string;
  /** @default 'identree-api' */
  audience?: string;
  /**
   * Other public keys of the service to publish in `/.well-known/jwks.json` (the webhook signing
   * key). Published only: an access token signed with one of them is refused.
   */
  publishedKeys?: readonly PublicSigningJwk[];
  /** Told the public key of every EOA that signs in (recovered from its signature), e.g. to record it. */
  onPublicKey?: (address: Address, publicKey: Hex) => Promise<void>;
  nonces: LoginNonceStore;
  /** The account's role, e.g. its entity kind on chain; `null` for an unregistered account, which logs in as {@link VISITOR_ROLE}. */
  resolveRole: (address: Address) => Promise<string | null>;
  /** Checks ERC-1271 and ERC-6492 (smart account) signatures on chain; EOA ones need no call. */
  publicClient: Client;
  /** @default 300_000 (5 min) */
  nonceTtlMs?: number;
  /** How old a login message may be, and the longest `expirationTime` it may carry. @default 600_000 (10 min) */
  maxMessageAgeMs?: number;
  /** @default 900 (15 min) */
  tokenTtlSeconds?: number;
  /** Tolerated clock difference, for message `issuedAt` and for token `iat`/`exp`. @default 30 */
  clockSkewSeconds?: number;
  /** Failed logins allowed per IP and window; the next attempt is a 429. @default { max: 10, timeWindow: '1 minute' } */
  failedLoginLimit?: RateLimit;
  /** Nonces issued per IP and window, or `false` for no limit. @default { max: 30, timeWindow: '1 minute' } */
  nonceLimit?: RateLimit | false;
} & LoadSigningKeyParameters;

export type { AuthUser } from './accessToken.js';

/** A preHandler refusing requests without a valid token (401) or with a role not listed (403). */
export type AuthGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** What other sign-in routes (face login) reuse: the same SIWE policy, nonces and token key. */
export type SignIn = {
  issueNonce(): Promise<{ nonce: string; expiresAt: Date }>;
  policy: SiweLoginPolicy;
  statement: string;
  /** Checks the SIWE message and signature and consumes its nonce, as `/auth/login` does. */
  verify(message: string, signature: Hex): ReturnType<typeof verifySiweLogin>;
  /** The access token `/auth/login` would answer, with `amr` (RFC 8176) naming how the holder signed in. */
  token(address: Address, amr?: string[]): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; address: Address; role: string; amr?: string[] }>;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Sign-in building blocks for routes that log in another way (face login). */
    signIn: SignIn;
    /** Requires a valid access token, any role. */
    authenticate: AuthGuard;
    /** Requires a valid access token whose role is one of `roles` (any role when omitted). */
    requireAuth(roles?: readonly string[]): AuthGuard;
  }
  interface FastifyRequest {
    /** Set by `authenticate` / `requireAuth`; `null` on routes that require neither. */
    user: AuthUser | null;
  }
}

/**
 * Sign-In with Ethereum: `POST /auth/nonce`, `POST /auth/login` (answering an EdDSA access
 * token), `GET /.well-known/jwks.json`, and the `authenticate` / `requireAuth` guards.
 *
 * @example
 * await app.register(authPlugin, {
 *   domain: 'id.example.org', uri: 'https://id.example.org', chainId: app.chain.chainId,
 *   issuer: config.publicUrl, keyFile: path.join(config.dataDir, 'auth-key.jwk.json'),
 *   nonces: createMemoryLoginNonceStore(), publicClient: app.chain.reader,
 *   resolveRole: async (address) => kindOf(address),
 * })
 * app.post('/entities', { preHandler: app.requireAuth(['Government', 'Admin']), schema }, handler)
 */
export const authPlugin = fp<AuthPluginOptions>(
  async function auth(app, options) {
    checkOptions(options);
    const audience = options.audience ?? 'identree-api';
    const nonceTtlMs = options.nonceTtlMs ?? 5 * 60_000;
    const tokenTtlSeconds = options.tokenTtlSeconds ?? 15 * 60;
    const clockSkewSeconds = options.clockSkewSeconds ?? 30;
    const policy: SiweLoginPolicy = {
      domain: options.domain,
      uri: options.uri,
      chainId: options.chainId,
      maxMessageAgeMs: options.maxMessageAgeMs ?? 10 * 60_000,
      clockSkewMs: clockSkewSeconds * 1000,
    };

    const signing = await loadSigningKey(options.key ? { key: options.key } : { keyFile: options.keyFile! });
    // Tokens are checked against the token key alone; the published set adds the service's other keys,
    // each with its own kid, so a signature made for one purpose never passes for another.
    const keys = createLocalJWKSet({ keys: [signing.publicJwk] } as { keys: JWK[] });
    const jwks = { keys: [signing.publicJwk, ...(options.publishedKeys ?? []).filter((k) => k.kid !== signing.kid)] };

    const requireAuth = (roles?: readonly string[]): AuthGuard => {
      const allowed = roles ? new Set(roles) : undefined;
      return async function guard(request, reply) {
        const token = /^Bearer +([^\s]+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (!token) {
          reply.header('www-authenticate', 'Bearer');
          throw unauthorized();
        }
        const user = await verifyAccessToken({ token, keys, issuer: options.issuer, audience, ttlSeconds: tokenTtlSeconds, clockToleranceSeconds: clockSkewSeconds });
        if (!user) {
          reply.header('www-authenticate', 'Bearer error="invalid_token"');
          throw unauthorized('invalid or expired access token');
        }
        if (allowed && !allowed.has(user.role)) throw forbidden(`requires one of the roles ${[...allowed].join(', ')}`);
        request.user = user;
      };
    };
    app.decorateRequest('user', null);
    app.decorate('requireAuth', requireAuth);
    app.decorate('authenticate', requireAuth());
    app.decorate('signIn', {
      issueNonce: () => options.nonces.issue(nonceTtlMs),
      policy,
      statement: SIWE_STATEMENT,
      verify: (message: string, signature: Hex) => verifySiweLogin({ message, signature, policy, nonces: options.nonces, client: options.publicClient }),
      token: async (address: Address, amr?: string[]) => {
        const role = (await options.resolveRole(address)) ?? VISITOR_ROLE;
        const accessToken = await signAccessToken({ key: signing, issuer: options.issuer, audience, ttlSeconds: tokenTtlSeconds, address, role, amr });
        return { accessToken, tokenType: 'Bearer' as const, expiresIn: tokenTtlSeconds, address, role, ...(amr ? { amr } : {}) };
      },
    } satisfies SignIn);

    // Encapsulated, so the rate limiter applies to these routes only.
    await app.register(async function authRoutes(scope: FastifyInstance) {
      await scope.register(rateLimit, { global: false, errorResponseBuilder: (_request, context) => tooManyRequests(Math.ceil(context.ttl / 1000)) });
      const failedLogins = scope.createRateLimit(options.failedLoginLimit ?? { max: 10, timeWindow: '1 minute' });
      const routes = scope.withTypeProvider<TypeBoxTypeProvider>();

      routes.post(
        '/auth/nonce',
        {
          config: { rateLimit: options.nonceLimit ?? { max: 30, timeWindow: '1 minute' } },
          schema: {
            tags: ['auth'],
            summary: 'A single-use nonce for a Sign-In with Ethereum message',
            description: 'Answers the nonce and every other field the EIP-4361 message must carry (domain, URI, chain id, version, a statement); sign the message with personal_sign and post it to /auth/login within its lifetime.',
            response: { 200: NonceReply, 429: ErrorReply },
          },
        },
        async (_request, reply) => {
          const { nonce, expiresAt } = await options.nonces.issue(nonceTtlMs);
          reply.header('cache-control', 'no-store');
          // Everything the message must say, so a client builds it without guessing.
          return { nonce, expiresAt: expiresAt.toISOString(), domain: policy.domain, uri: policy.uri, chainId: policy.chainId, version: '1' as const, statement: SIWE_STATEMENT };
        },
      );

      routes.post(
        '/auth/login',
        {
          // An EIP-4361 message is lines of text; every other field refuses control characters.
          config: { multilineText: ['message'] },
          // Only failures count, so many people behind one NAT can still log in; the check runs
          // before the body is even parsed.
          onRequest: async (request, reply) => {
            const state = await failedLogins(request, { increment: false });
            if (!state.isAllowed && state.remaining === 0) {
              reply.header('retry-after', state.ttlInSeconds);
              throw tooManyRequests(state.ttlInSeconds);
            }
          },
          schema: {
            tags: ['auth'],
            summary: 'Exchange a signed Sign-In with Ethereum message for an access token',
            body: LoginBody,
            response: { 200: LoginReply, 400: ErrorReply, 401: ErrorReply, 429: ErrorReply },
          },
        },
        async (request, reply) => {
          const { message, signature } = request.body;
          // A message signed to ask for a face template or to report a face match is not a key login: the
          // holder signed it for that purpose only, and whoever relays it must not turn it into a session.
          const result = await verifySiweLogin({ message, signature: signature as `0x${string}`, policy, nonces: options.nonces, client: options.publicClient, refusedResources: FACE_PURPOSE_RESOURCES });
          if (!result.ok) {
            await failedLogins(request);
            if (result.reason === 'verification_error') request.log.warn({ err: result.error, reason: result.reason }, 'login failed');
            else request.log.info({ reason: result.reason }, 'login failed');
            throw loginFailed(result.reason, policy);
          }
          // An EOA's sign-in signature gives its public key: what an issuer seals a credential to.
          if (options.onPublicKey) {
            const publicKey = await recoverPublicKey({ hash: hashMessage(message), signature: signature as Hex }).catch(() => null);
            if (publicKey && publicKeyToAddress(publicKey) === result.address) await options.onPublicKey(result.address, publicKey);
          }
          const role = (await options.resolveRole(result.address)) ?? VISITOR_ROLE;
          const accessToken = await signAccessToken({ key: signing, issuer: options.issuer, audience, ttlSeconds: tokenTtlSeconds, address: result.address, role });
          request.log.info({ address: result.address, role }, 'logged in');
          reply.header('cache-control', 'no-store');
          return { accessToken, tokenType: 'Bearer' as const, expiresIn: tokenTtlSeconds, address: result.address, role };
        },
      );

      routes.get(
        '/.well-known/jwks.json',
        { schema: { tags: ['auth'], summary: 'Public keys verifying the access tokens', response: { 200: JwksReply } } },
        async (_request, reply) => {
          reply.header('cache-control', 'public, max-age=300');
          return jwks;
        },
      );
    });
  },
  { name: 'auth', fastify: '5.x' },
);

/** Misconfiguration stops the service at start, not at the first login. */
function checkOptions(options: AuthPluginOptions) {
  const problem = (what: string) => new Error(`authPlugin: ${what}`);
  if (!/^[a-zA-Z0-9.-]+(:[0-9]{1,5})?$/.test(options.domain ?? '')) throw problem(`domain must be an RFC 3986 authority (host[:port]), got ${options.domain}`);
  if (!URL.canParse(options.uri ?? '')) throw problem(`uri must be an absolute URI, got ${options.uri}`);
  if (!URL.canParse(options.issuer ?? '')) throw problem(`issuer must be an absolute URL, got ${options.issuer}`);
  if (!Number.isSafeInteger(options.chainId) || options.chainId <= 0) throw problem(`chainId must be a positive integer, got ${options.chainId}`);
  if (!options.key && !options.keyFile) throw problem('key or keyFile is required');
  if (typeof options.nonces?.issue !== 'function' || typeof options.nonces.consume !== 'function') throw problem('nonces must be a LoginNonceStore');
  if (typeof options.resolveRole !== 'function') throw problem('resolveRole must be a function');
  if (!options.publicClient) throw problem('publicClient is required');
}
