import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { getAddress, isAddress, type Address } from 'viem';
import type { SigningKey } from '@identree/store';

/** Who a verified access token speaks for, and how they signed in (RFC 8176 `amr`, when not a plain SIWE login). */
export type AuthUser = { address: Address; role: string; amr?: string[] };

/**
 * RFC 8725 §3.11 explicit typing: a JWT of another kind signed with the same key one day (say, a
 * credential) cannot be replayed as an access token.
 */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export type SignAccessTokenParameters = AuthUser & {
  key: SigningKey;
  issuer: string;
  audience: string;
  ttlSeconds: number;
};

/**
 * An EdDSA-signed access token for `address` acting as `role`.
 *
 * @example
 * const token = await signAccessToken({ key, issuer, audience: 'identree-api', ttlSeconds: 900, address, role: 'Issuer' })
 */
export async function signAccessToken({ key, issuer, audience, ttlSeconds, address, role, amr }: SignAccessTokenParameters): Promise<string> {
  return new SignJWT(amr ? { role, amr } : { role })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(getAddress(address))
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

export type VerifyAccessTokenParameters = {
  token: string;
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  clockToleranceSeconds: number;
};

/**
 * The user a token speaks for, or `null` when the token is not one this service issued and
 * still honours: bad signature, unknown `kid`, wrong issuer, audience, type or algorithm, expired.
 *
 * @example
 * const user = await verifyAccessToken({ token, keys: createLocalJWKSet(jwks), issuer, audience, ttlSeconds: 900, clockToleranceSeconds: 30 })
 */
export async function verifyAccessToken(parameters: VerifyAccessTokenParameters): Promise<AuthUser | null> {
  const { token, keys, issuer, audience, ttlSeconds, clockToleranceSeconds } = parameters;
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer,
      audience,
      algorithms: ['EdDSA'],
      typ: ACCESS_TOKEN_TYPE,
      clockTolerance: clockToleranceSeconds,
      // Bounds tokens by their age too, should a longer-lived one ever have been signed.
      maxTokenAge: ttlSeconds,
      requiredClaims: ['sub', 'iat', 'exp'],
    });
    if (typeof payload.sub !== 'string' || !isAddress(payload.sub) || typeof payload.role !== 'string') return null;
    const amr = Array.isArray(payload.amr) && payload.amr.every((m) => typeof m === 'string') ? (payload.amr as string[]) : undefined;
    return { address: getAddress(payload.sub), role: payload.role, ...(amr ? { amr } : {}) };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
