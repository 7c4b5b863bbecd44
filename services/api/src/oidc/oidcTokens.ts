import { randomUUID } from 'node:crypto';
import { EncryptJWT, jwtDecrypt, jwtVerify, SignJWT, errors, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { SigningKey } from '@identree/store';

/** What the provider asserts about the user, as released: the ID token's and userinfo's claims. */
export type ReleasedClaims = {
  sub: string;
  identree_address: string;
  identree_kind?: string | null;
  identree_credentials?: { uid: string; type: string; level: string; issuer: string; validUntil: number }[];
  identree_level?: string | null;
  /** The access grants the release was recorded as (clients with a registered address). */
  identree_grants?: { uid: string; expiresAt: number }[];
};

/** An authorization request the user is asked to approve, carried to the login page and back. */
export type LoginRequest = {
  client_id: string;
  redirect_uri: string;
  scope: string;
  state?: string;
  nonce?: string;
  code_challenge: string;
};

/** An approved request: what the code stands for until the client redeems it. */
export type CodeGrant = LoginRequest & { claims: ReleasedClaims; amr: string[]; auth_time: number; jti: string; /** The release the user approved (oidc_releases). */ rid: string };

/** What an access token stands for: a release, read again at each userinfo call so a revocation counts at once. */
export type UserinfoGrant = { rid: string; client_id: string };

/** How long an access token lives, in seconds. */
export const ACCESS_TOKEN_SECONDS = 600;

// Explicit token types (RFC 8725 §3.11): none of these can be replayed as another kind, nor as an API access token (at+jwt).
const LOGIN_REQUEST_TYPE = 'oidc-login-request+jwt';
const USERINFO_TOKEN_TYPE = 'at+jwt';

export type OidcTokens = ReturnType<typeof oidcTokens>;

/**
 * Signs and checks the provider's tokens with the service's Ed25519 key (published at
 * `/.well-known/jwks.json`), and seals authorization codes with `codeKey` so a code in a browser's
 * history or a server log reveals nothing about the user.
 */
export function oidcTokens({ issuer, key, keys, codeKey }: { issuer: string; key: SigningKey; keys: JWTVerifyGetKey; codeKey: Uint8Array }) {
  const sign = (payload: JWTPayload, typ: string) => new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ }).setIssuer(issuer).setIssuedAt();
  const verify = async (token: string, typ: string, audience: string) => {
    try {
      return (await jwtVerify(token, keys, { issuer, audience, typ, algorithms: ['EdDSA'] })).payload;
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  };
  const loginAudience = `${issuer}/oidc/login`;
  const userinfoAudience = `${issuer}/oidc/userinfo`;
  return {
    loginRequest: (request: LoginRequest) => sign({ ...request }, LOGIN_REQUEST_TYPE).setAudience(loginAudience).setExpirationTime('10m').sign(key.privateKey),
    readLoginRequest: async (token: string) => (await verify(token, LOGIN_REQUEST_TYPE, loginAudience)) as (LoginRequest & JWTPayload) | null,

    code: (grant: CodeGrant) =>
      new EncryptJWT({ ...grant }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuer(issuer).setIssuedAt().setExpirationTime('60s').encrypt(codeKey),
    readCode: async (code: string) => {
      try {
        return (await jwtDecrypt(code, codeKey, { issuer, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] })).payload as unknown as CodeGrant;
      } catch (error) {
        if (error instanceof errors.JOSEError) return null;
        throw error;
      }
    },

    idToken: (grant: CodeGrant, clientId: string) =>
      sign({ ...grant.claims, nonce: grant.nonce, auth_time: grant.auth_time, amr: grant.amr }, 'JWT')
        .setSubject(grant.claims.sub)
        .setAudience(clientId)
        .setExpirationTime('10m')
        .setJti(randomUUID())
        .sign(key.privateKey),
    userinfoToken: (grant: CodeGrant, clientId: string) =>
      // The claims stay with the provider (the release): the token names the release, so a revoked
      // release leaves the token worthless instead of carrying the claims on.
      sign({ rid: grant.rid, client_id: clientId, scope: grant.scope }, USERINFO_TOKEN_TYPE)
        .setSubject(grant.claims.sub)
        .setAudience(userinfoAudience)
        .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
        .setJti(randomUUID())
        .sign(key.privateKey),
    readUserinfoToken: async (token: string): Promise<UserinfoGrant | null> => {
      const payload = await verify(token, USERINFO_TOKEN_TYPE, userinfoAudience);
      return payload && typeof payload.rid === 'string' && typeof payload.client_id === 'string' ? { rid: payload.rid, client_id: payload.client_id } : null;
    },
  };
}
