import { createHash, randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import formbody from '@fastify/formbody';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { createLocalJWKSet, type JWK } from 'jose';
import { getAddress, type Client, type Hash } from 'viem';
import { identityOf, toIdentreeDid } from '@identree/sdk';
import { credentialTypeName, isValidNow } from '../routes/credentialView.js';
import { loadSigningKey, type LoginNonceStore, type Storage } from '@identree/store';
import { verifySiweLogin, type SiweLoginPolicy } from '../auth/verifySiweLogin.js';
import { loadCodeKey } from './codeKey.js';
import { secretMatches, type OidcClient } from './oidcClients.js';
import { OAuthError } from './oidcErrors.js';
import { ACCESS_TOKEN_SECONDS, oidcTokens, type CodeGrant } from './oidcTokens.js';
import { logReleaseAccess, REFUSAL_WORDS, releaseRefusal } from './releaseAccess.js';
import { releasedClaims } from './releasedClaims.js';
import { recordReleaseGrants } from './releaseGrants.js';
import type { WritesGateway } from '../chainWorker/writesGateway.js';
import { checkFaceLogin, FaceRequestError, type CheckFaceLoginParameters } from '@identree/biometrics-service';
import { parseSiweMessage } from 'viem/siwe';
import { AttributesDigest } from '../routes/schemas.js';

export type OidcOptions = {
  /** The service's public URL: the provider's `iss`, compared exactly by relying parties. */
  issuer: string;
  clients: readonly OidcClient[];
  /** The service's token key file (the key published at /.well-known/jwks.json). */
  keyFile: string;
  /** Where the authorization-code encryption key lives (created on first start). */
  codeKeyFile: string;
  /** What the login page's Sign-In with Ethereum message must say: the same policy as `/auth/login`. */
  siwe: Omit<SiweLoginPolicy, 'maxMessageAgeMs' | 'clockSkewMs'>;
  loginNonces: LoginNonceStore;
  storage: Storage;
  publicClient: Client;
  /** Relays the holder-signed access grants a release is recorded as (clients with a `verifier`). */
  writes: WritesGateway;
  /** Face login's service half (the face routes' dependencies); without it the login page offers the wallet signature only. */
  face?: Pick<CheckFaceLoginParameters, 'chain' | 'records' | 'audit' | 'challenges' | 'limiter' | 'minThreshold'>;
};

const CLAIMS_SUPPORTED = ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'amr', 'identree_address', 'identree_kind', 'identree_credentials', 'identree_level', 'identree_grants'];
/** A wallet signature proves possession of a software key (RFC 8176 `swk`); the face login adds `face`. */
const WALLET_AMR = ['swk'];
/** A face matched on the holder's device and bound into the signed message, as /auth/face/login answers it. */
const FACE_AMR = ['face', 'hwk'];
/** A code lives 60 s and its access token ACCESS_TOKEN_SECONDS: a release is of no use to its relying party after both. */
const RELEASE_SECONDS = 60 + ACCESS_TOKEN_SECONDS;

const Pkce = Type.String({ pattern: '^[A-Za-z0-9._~-]{43,128}$' });
const AuthorizeQuery = Type.Object({
  response_type: Type.String({ maxLength: 100 }),
  client_id: Type.String({ maxLength: 64 }),
  redirect_uri: Type.String({ maxLength: 2000 }),
  scope: Type.String({ maxLength: 500 }),
  state: Type.Optional(Type.String({ maxLength: 500 })),
  nonce: Type.Optional(Type.String({ maxLength: 500 })),
  code_challenge: Type.Optional(Type.String({ maxLength: 128 })),
  code_challenge_method: Type.Optional(Type.String({ maxLength: 10 })),
  prompt: Type.Optional(Type.String({ maxLength: 100 })),
});
const RequestToken = Type.String({ minLength: 1, maxLength: 4000 });
const LoginBody = Type.Object(
  {
    request: RequestToken,
    message: Type.String({ minLength: 1, maxLength: 4000 }),
    match: Type.Optional(Type.Object({
      outcome: Type.Union([Type.Literal('matched'), Type.Literal('not-matched')]),
      cid: Type.String({ minLength: 8, maxLength: 128, pattern: '^[a-z0-9]+$' }),
      templateVersion: Type.Integer({ minimum: 1, maximum: 0xffff_ffff }),
      model: Type.String({ minLength: 1, maxLength: 64 }),
      threshold: Type.Number({ minimum: -1, maximum: 1 }),
    }, { additionalProperties: false, description: 'Face sign-in: what the device matched (POST /auth/face/challenge gave the nonce), never the score' })),
    signature: Type.String({ pattern: '^0x[0-9a-fA-F]{130,}$', maxLength: 20_000 }),
    release: Type.Object(
      {
        kind: Type.Boolean(),
        credentials: Type.Array(Type.String({ pattern: '^0x[0-9a-fA-F]{64}$' }), { maxItems: 32 }),
        grants: Type.Optional(Type.Array(Type.Object({
          uid: Type.String({ pattern: '^0x[0-9a-fA-F]{64}$' }),
          duration: Type.Integer({ minimum: 60, maximum: 31_536_000 }),
          attributes: AttributesDigest,
          deadline: Type.Integer({ minimum: 0, maximum: 2 ** 40 }),
          signature: Type.String({ pattern: '^0x[0-9a-fA-F]{130}$' }),
        }, { additionalProperties: false }), { maxItems: 32 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
const TokenForm = Type.Object({
  grant_type: Type.String({ maxLength: 100 }),
  code: Type.String({ minLength: 1, maxLength: 8000 }),
  redirect_uri: Type.String({ maxLength: 2000 }),
  code_verifier: Pkce,
  client_id: Type.Optional(Type.String({ maxLength: 64 })),
  client_secret: Type.Optional(Type.String({ maxLength: 200 })),
});

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * "Sign in with Identree": an OpenID Connect provider (authorization code flow with PKCE, ID
 * tokens signed with the service's published key). The user proves control of the identity on the
 * web app's login page (`/app/oidc/login`) by signing a Sign-In with Ethereum message, and ticks
 * which verified claims to release; the provider reads those claims from the chain and the read
 * model, so a relying party never trusts the browser for them.
 */
export const oidcRoutes: FastifyPluginAsync<OidcOptions> = async (app, options) => {
  const { issuer, storage } = options;
  const clients = new Map(options.clients.map((c) => [c.client_id, c]));
  const key = await loadSigningKey({ keyFile: options.keyFile });
  const tokens = oidcTokens({ issuer, key, keys: createLocalJWKSet({ keys: [key.publicJwk] } as { keys: JWK[] }), codeKey: await loadCodeKey(options.codeKeyFile) });
  const policy: SiweLoginPolicy = { ...options.siwe, maxMessageAgeMs: 10 * 60_000, clockSkewMs: 30_000 };

  await app.register(formbody);
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof OAuthError) {
      // RFC 6750 §3: a refused bearer token is named in the challenge, which relying-party libraries read.
      if (error.code === 'invalid_token') reply.header('www-authenticate', `Bearer error="invalid_token", error_description="${error.description.replaceAll('"', "'")}"`);
      return reply.status(error.statusCode).header('cache-control', 'no-store').send(error.toJSON());
    }
    if ((error as { validation?: unknown }).validation) {
      return reply.status(400).send({ error: 'invalid_request', error_description: (error as Error).message });
    }
    throw error;
  });

  app.get('/.well-known/openid-configuration', { schema: { tags: ['oidc'], summary: 'OpenID Provider metadata (discovery)' } }, async () => ({
    issuer,
    authorization_endpoint: `${issuer}/oidc/authorize`,
    token_endpoint: `${issuer}/oidc/token`,
    userinfo_endpoint: `${issuer}/oidc/userinfo`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['EdDSA'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'identree'],
    claims_supported: CLAIMS_SUPPORTED,
    authorization_response_iss_parameter_supported: true,
  }));

  const redirectWith = (redirectUri: string, params: Record<string, string | undefined>) => {
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return url.toString();
  };

  app.get('/oidc/authorize', { schema: { tags: ['oidc'], summary: 'Authorization endpoint: sends the user to the login page', querystring: AuthorizeQuery } }, async (request, reply) => {
    const q = request.query as Static<typeof AuthorizeQuery>;
    const client = clients.get(q.client_id);
    // Until client and redirect URI are known good, errors go to the user, never to an unchecked URI (an open redirector).
    if (!client) throw new OAuthError('invalid_request', `querystring.client_id: no client "${q.client_id}" is registered with this provider`);
    if (!client.redirect_uris.includes(q.redirect_uri)) throw new OAuthError('invalid_request', 'querystring.redirect_uri: not one of the client\'s registered redirect URIs');
    const refuse = (error: string, description: string) => reply.redirect(redirectWith(q.redirect_uri, { error, error_description: description, state: q.state, iss: issuer }), 303);
    if (q.response_type !== 'code') return refuse('unsupported_response_type', 'response_type: only "code" is supported');
    if (!q.scope.split(' ').includes('openid')) return refuse('invalid_scope', 'scope: must include "openid"');
    if (q.code_challenge_method !== 'S256' || !q.code_challenge || !Value.Check(Pkce, q.code_challenge)) {
      return refuse('invalid_request', 'code_challenge: PKCE with code_challenge_method=S256 is required');
    }
    if (q.prompt === 'none') return refuse('login_required', 'prompt=none: the user must sign in on the login page');
    const token = await tokens.loginRequest({ client_id: client.client_id, redirect_uri: q.redirect_uri, scope: q.scope, state: q.state, nonce: q.nonce, code_challenge: q.code_challenge });
    return reply.redirect(`${issuer}/app/oidc/login?request=${encodeURIComponent(token)}`, 303);
  });

  const readRequest = async (token: string, where: 'querystring' | 'body') => {
    const login = await tokens.readLoginRequest(token);
    if (!login) throw new OAuthError('invalid_request', `${where}.request: the login request expired or was not issued by this provider; start again from the site you came from`);
    const client = clients.get(login.client_id);
    if (!client || !client.redirect_uris.includes(login.redirect_uri)) throw new OAuthError('invalid_request', `${where}.request: its client is no longer registered`);
    return { login, client };
  };

  app.get('/oidc/login-request', {
    schema: { tags: ['oidc'], summary: 'What the login page shows and the message it must have signed', querystring: Type.Object({ request: RequestToken }) },
  }, async (request, reply) => {
    const { login, client } = await readRequest((request.query as { request: string }).request, 'querystring');
    const { nonce, expiresAt } = await options.loginNonces.issue(5 * 60_000);
    reply.header('cache-control', 'no-store');
    return {
      client: { id: client.client_id, name: client.client_name, verifier: client.verifier ?? null, redirectOrigin: new URL(login.redirect_uri).origin },
      scope: login.scope,
      siwe: { domain: policy.domain, uri: policy.uri, chainId: policy.chainId, statement: `Sign in to ${client.client_name} with Identree`, nonce, expiresAt: expiresAt.toISOString() },
      claimsOffered: ['identree_kind', 'identree_credentials'],
    };
  });

  app.get('/oidc/claims-preview', {
    schema: {
      tags: ['oidc'],
      summary: 'What a login with this key could release: the identity it acts for, its kind and its linked credentials',
      querystring: Type.Object({ key: Type.String({ pattern: '^0x[0-9a-fA-F]{40}$' }) }),
    },
  }, async (request) => {
    const key = getAddress((request.query as { key: string }).key);
    const identity = (await identityOf(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, key })) ?? key;
    const entity = await app.chain.reader.getEntity({ entity: identity });
    const links = (await storage.links.listByHolder(identity)).filter((l) => l.linked);
    const credentials = [];
    for (const link of links) {
      const c = await storage.credentials.get(link.uid);
      if (!c || getAddress(c.subject) !== identity) continue;
      credentials.push({ uid: c.uid, type: await credentialTypeName(app, c.credentialType), level: c.level, valid: isValidNow(c), validUntil: c.validUntil, issuer: getAddress(c.issuer) });
    }
    return { identity, did: toIdentreeDid({ chainId: app.chain.chainId, address: identity }), kind: entity?.kind ?? null, status: entity?.status ?? null, credentials };
  });

  app.post('/oidc/login', { config: { multilineText: ['message'] }, schema: { tags: ['oidc'], summary: 'The signed-in user approves the release; answers where to send the browser', body: LoginBody } }, async (request, reply) => {
    const body = request.body as Static<typeof LoginBody>;
    const { login } = await readRequest(body.request, 'body');
    const result = await verifySiweLogin({ message: body.message, signature: body.signature as `0x${string}`, policy, nonces: options.loginNonces, client: options.publicClient });
    if (!result.ok) throw new OAuthError('access_denied', `message: the signed message was refused (${result.reason}); reload the login page to get a fresh one`);
    let amr = WALLET_AMR;
    if (body.match) {
      if (!options.face) throw new OAuthError('access_denied', 'match: face sign-in is not configured on this provider; sign in with your key');
      try {
        await checkFaceLogin({ ...options.face, key: result.address, message: body.message, match: body.match });
      } catch (error) {
        // the face login's own answer (401 face_not_matched without a score, 429 with Retry-After), as /auth/face/login gives it
        if (!(error instanceof FaceRequestError)) throw error;
        if (error.retryAfterSeconds) reply.header('retry-after', error.retryAfterSeconds);
        return reply.status(error.statusCode).send({ error: error.code, error_description: error.shortMessage });
      }
      amr = FACE_AMR;
    }
    const claims = await releasedClaims(app, storage, result.address, { kind: body.release.kind, credentials: body.release.credentials as Hash[] });
    const client = clients.get(login.client_id)!;
    // A client with a registered address receives what the user released as access grants, on chain.
    if (client.verifier && body.release.credentials.length > 0) {
      claims.identree_grants = await recordReleaseGrants(app, options.writes, {
        key: result.address,
        holder: claims.identree_address as `0x${string}`,
        verifier: client.verifier as `0x${string}`,
        released: body.release.credentials as Hash[],
        grants: (body.release.grants ?? []) as never,
        loginNonce: parseSiweMessage(body.message).nonce!,
      });
    }
    // The release is an access grant the holder sees in the wallet and can revoke; the relying party
    // reads the claims through it, so a revocation stops userinfo at once.
    const release = await storage.oidcReleases.create({
      id: randomUUID(),
      holder: getAddress(claims.identree_address),
      clientId: client.client_id,
      clientName: client.client_name,
      verifier: client.verifier ? getAddress(client.verifier) : null,
      claims: claims as never,
      uids: (claims.identree_credentials ?? []).map((c) => c.uid as Hash),
      expiresAt: new Date(Date.now() + RELEASE_SECONDS * 1000),
    });
    // The code is single-use: its jti is a login nonce, consumed when the code is redeemed.
    const { nonce: jti } = await options.loginNonces.issue(60_000);
    const { client_id, redirect_uri, scope, state, nonce, code_challenge } = login;
    const grant: CodeGrant = { client_id, redirect_uri, scope, state, nonce, code_challenge, claims, amr, auth_time: Math.floor(Date.now() / 1000), jti, rid: release.id };
    reply.header('cache-control', 'no-store');
    return { redirectTo: redirectWith(login.redirect_uri, { code: await tokens.code(grant), state: login.state, iss: issuer }) };
  });

  app.post('/oidc/deny', { schema: { tags: ['oidc'], summary: 'The user declines: answers where to send the browser', body: Type.Object({ request: RequestToken }, { additionalProperties: false }) } }, async (request) => {
    const { login } = await readRequest((request.body as { request: string }).request, 'body');
    return { redirectTo: redirectWith(login.redirect_uri, { error: 'access_denied', error_description: 'the user declined', state: login.state, iss: issuer }) };
  });

  app.post('/oidc/token', { schema: { tags: ['oidc'], summary: 'Token endpoint: redeems an authorization code (PKCE) for an ID token' } }, async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    if (form.grant_type !== 'authorization_code') throw new OAuthError('unsupported_grant_type', 'body.grant_type: only "authorization_code" is supported');
    if (!Value.Check(TokenForm, form)) {
      const first = [...Value.Errors(TokenForm, form)][0]!;
      throw new OAuthError('invalid_request', `body${first.path.replaceAll('/', '.')}: ${first.message}`);
    }
    const client = authenticateClient(request.headers.authorization, form, clients);
    const grant = await tokens.readCode(form.code);
    if (!grant || grant.client_id !== client.client_id) throw new OAuthError('invalid_grant', 'code: expired, unknown, or issued to another client');
    if (grant.redirect_uri !== form.redirect_uri) throw new OAuthError('invalid_grant', 'redirect_uri: differs from the authorization request');
    if (s256(form.code_verifier) !== grant.code_challenge) throw new OAuthError('invalid_grant', 'code_verifier: does not match the code_challenge');
    if (!(await options.loginNonces.consume(grant.jti))) throw new OAuthError('invalid_grant', 'code: already redeemed');
    const release = await storage.oidcReleases.get(grant.rid);
    if (!release) throw new OAuthError('invalid_grant', 'code: its release is unknown');
    // The ID token hands the claims over: an access, logged for the holder, refused if the holder revoked the release already.
    const refusal = await releaseRefusal(app, release);
    await logReleaseAccess(storage, release, 'oidc_token', refusal);
    if (refusal) throw new OAuthError('invalid_grant', `code: ${REFUSAL_WORDS[refusal]} (${refusal})`);
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return {
      access_token: await tokens.userinfoToken(grant, client.client_id),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      id_token: await tokens.idToken(grant, client.client_id),
      scope: grant.scope,
    };
  });

  const userinfo = async (authorization: string | undefined, reply: FastifyReply) => {
    const token = /^Bearer +([^\s]+)$/i.exec(authorization ?? '')?.[1];
    const payload = token ? await tokens.readUserinfoToken(token) : null;
    if (!payload) throw new OAuthError('invalid_token', 'authorization: a valid access token from /oidc/token is required');
    const release = await storage.oidcReleases.get(payload.rid);
    if (!release || release.clientId !== payload.client_id) throw new OAuthError('invalid_token', 'authorization: the access token names no release of this client');
    // Each call is an access, logged for the holder; a refused one too, so the holder sees the site tried.
    const refusal = await releaseRefusal(app, release);
    await logReleaseAccess(storage, release, 'oidc_userinfo', refusal);
    if (refusal) throw new OAuthError('invalid_token', `authorization: ${REFUSAL_WORDS[refusal]} (${refusal})`);
    reply.header('cache-control', 'no-store');
    return release.claims;
  };
  app.get('/oidc/userinfo', { schema: { tags: ['oidc'], summary: 'The released claims, for the access token\'s bearer' } }, async (request, reply) => userinfo(request.headers.authorization, reply));
  app.post('/oidc/userinfo', { schema: { tags: ['oidc'], summary: 'The released claims (POST form)' } }, async (request, reply) => userinfo(request.headers.authorization, reply));
};

/** client_secret_basic, client_secret_post, or a public client (none) that PKCE alone authenticates. */
function authenticateClient(authorization: string | undefined, form: Static<typeof TokenForm>, clients: Map<string, OidcClient>): OidcClient {
  let id = form.client_id;
  let secret = form.client_secret;
  const basic = /^Basic +([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'authorization: malformed Basic credentials');
    // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
    const formDecoded = (part: string) => {
      try {
        return decodeURIComponent(part.replaceAll('+', ' '));
      } catch {
        throw new OAuthError('invalid_client', 'authorization: malformed Basic credentials');
      }
    };
    id = formDecoded(decoded.slice(0, colon));
    secret = formDecoded(decoded.slice(colon + 1));
  }
  const client = id ? clients.get(id) : undefined;
  if (!client) throw new OAuthError('invalid_client', 'client_id: unknown client');
  if (client.client_secret ? !secretMatches(client, secret) : secret !== undefined) throw new OAuthError('invalid_client', 'client_secret: wrong secret for this client');
  return client;
}
