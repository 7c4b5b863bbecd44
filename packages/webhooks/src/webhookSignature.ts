import { CompactSign, compactVerify, createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { SigningKey } from '@identree/store';

/** The header carrying the signature: a JWS over the raw body with its payload detached (RFC 7515, appendix F). */
export const SIGNATURE_HEADER = 'identree-signature';
export const DELIVERY_HEADER = 'identree-delivery';
export const EVENT_HEADER = 'identree-event';
/** `typ` of the protected header, so a webhook signature is never mistaken for an access token. */
const WEBHOOK_JWS_TYPE = 'identree-webhook+jws';

/**
 * Signs a webhook body with the service's EdDSA key (the one `/.well-known/jwks.json` publishes):
 * `<protected header>..<signature>`, the body itself being the detached payload.
 *
 * @example
 * reply.header(SIGNATURE_HEADER, await signWebhookBody(key, body))
 */
export async function signWebhookBody(key: SigningKey, body: Uint8Array): Promise<string> {
  const jws = await new CompactSign(body).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: WEBHOOK_JWS_TYPE }).sign(key.privateKey);
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
}

/** The signature does not verify over this body with the published keys. */
export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
}

/**
 * What a receiver runs (shown here so the tests and the docs use the same code): puts the raw body
 * back into the detached JWS and verifies it against the service's JWKS. Throws
 * `WebhookSignatureError` for a tampered body, another key, or a malformed header.
 *
 * @example
 * const jwks = createRemoteJWKSet(new URL('https://id.example.org/.well-known/jwks.json'))
 * await verifyWebhookSignature({ body: rawBody, signature: req.headers['identree-signature'], keys: jwks })
 */
export async function verifyWebhookSignature({ body, signature, keys }: { body: Uint8Array; signature: string | undefined; keys: JSONWebKeySet | JWTVerifyGetKey }): Promise<void> {
  const parts = (signature ?? '').split('.');
  if (parts.length !== 3 || parts[1] !== '') throw new WebhookSignatureError('the signature header is not a detached JWS');
  const getKey = typeof keys === 'function' ? keys : createLocalJWKSet(keys);
  try {
    const { protectedHeader } = await compactVerify(`${parts[0]}.${Buffer.from(body).toString('base64url')}.${parts[2]}`, getKey, { algorithms: ['EdDSA'] });
    if (protectedHeader.typ !== WEBHOOK_JWS_TYPE) throw new WebhookSignatureError(`unexpected typ ${protectedHeader.typ}`);
  } catch (error) {
    if (error instanceof WebhookSignatureError) throw error;
    throw new WebhookSignatureError(`the signature does not verify: ${(error as Error).message}`);
  }
}
