import { createHash, randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, type Hash, type Hex } from 'viem';
import type { Storage } from '@identree/store';
import { forbidden, notFound } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import { Bytes32, errorReplies } from './schemas.js';

const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
/** The one credential configuration offered: the issuer's SD-JWT VC (SDK `exportSdJwtVc`). */
const CONFIGURATION_ID = 'IdentreeSdJwtVc';
const OFFER_TTL_S = 600;
const TOKEN_TTL_S = 300;
const sha256 = (text: string) => `0x${createHash('sha256').update(text).digest('hex')}` as Hex;
const secret = () => randomBytes(32).toString('base64url');

/** RFC 6749 §5.2 errors: what an OAuth client (a wallet) reads, not the service's own error shape. */
// A body the JSON parser refuses never reaches the route, so it is answered in the service's shape (`message`).
const OAuthError = Type.Object(
  { error: Type.String(), error_description: Type.Optional(Type.String()), message: Type.Optional(Type.String()) },
  { description: 'An OAuth 2.0 error (RFC 6749 §5.2); a body that is not JSON at all carries `message` instead' },
);
const oauthError = (reply: FastifyReply, status: number, error: string, description: string) =>
  reply.status(status).header('cache-control', 'no-store').send({ error, error_description: description });

/**
 * OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow, so a standard wallet can
 * take a credential: the issuer posts its signed SD-JWT VC and gets an offer (a QR code's
 * `openid-credential-offer://` URI) for the holder; the wallet trades the code at the token endpoint
 * and fetches the credential once. The service is both credential issuer and authorization server
 * (its metadata at the two well-known URLs). Not yet: a transaction code (PIN) and key-bound
 * credentials (proofs).
 */
export const oid4vciRoutes: FastifyPluginAsync<{ storage: Storage; publicUrl: string }> = async (app, { storage, publicUrl }) => {
  const base = publicUrl.replace(/\/$/, '');
  // Token requests are form-encoded (RFC 6749); parsed by the platform's URLSearchParams, then checked by the route's schema.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get('/.well-known/openid-credential-issuer', {
    schema: { operationId: 'getCredentialIssuerMetadata', summary: 'OID4VCI credential issuer metadata', tags: ['credential delivery'], response: { 200: Type.Object({}, { additionalProperties: true }) } },
  }, async () => ({
    credential_issuer: base,
    credential_endpoint: `${base}/oid4vci/credential`,
    credential_configurations_supported: {
      [CONFIGURATION_ID]: { format: 'dc+sd-jwt', cryptographic_binding_methods_supported: [], credential_signing_alg_values_supported: ['ES256K'] },
    },
  }));

  app.get('/.well-known/oauth-authorization-server', {
    schema: { operationId: 'getAuthorizationServerMetadata', summary: 'OAuth 2.0 authorization server metadata (RFC 8414) for the pre-authorized code grant', tags: ['credential delivery'], response: { 200: Type.Object({}, { additionalProperties: true }) } },
  }, async () => ({
    issuer: base,
    token_endpoint: `${base}/oid4vci/token`,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true,
  }));

  app.post('/credential-offers', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'createCredentialOffer', summary: 'Offer an issued credential to a standard wallet (OID4VCI)',
      description: 'The credential\'s issuer posts its SD-JWT VC (SDK exportSdJwtVc); the answer is the offer for the holder\'s wallet, valid 10 minutes and redeemable once. The service holds the SD-JWT until the wallet fetches it.',
      tags: ['credential delivery'], security: [{ bearer: [] }],
      body: Type.Object({ uid: Bytes32, sdJwt: Type.String({ minLength: 16, maxLength: 65_536, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(~[A-Za-z0-9_-]*)*~$', description: 'The SD-JWT VC, with every disclosure' }) }, { additionalProperties: false }),
      response: {
        201: Type.Object({
          credential_offer: Type.Object({ credential_issuer: Type.String(), credential_configuration_ids: Type.Array(Type.String()), grants: Type.Object({}, { additionalProperties: true }) }),
          credential_offer_uri: Type.String({ description: 'openid-credential-offer:// URI, for a QR code' }),
          expiresAt: Type.String({ format: 'date-time' }),
        }),
        ...errorReplies,
      },
    },
  }, async (request, reply) => {
    const { uid, sdJwt } = request.body as { uid: Hash; sdJwt: string };
    const issuer = await callerIdentity(app, request);
    const credential = await storage.credentials.get(uid);
    if (!credential) throw notFound(`credential ${uid} (not anchored, or not indexed yet)`);
    if (getAddress(credential.issuer) !== issuer) throw forbidden('only the credential\'s issuer offers it');
    const code = secret();
    const expiresAt = new Date(Date.now() + OFFER_TTL_S * 1000);
    await storage.credentialOffers.create({ codeHash: sha256(code), issuer, holder: credential.subject, uid, credential: sdJwt, expiresAt });
    const offer = { credential_issuer: base, credential_configuration_ids: [CONFIGURATION_ID], grants: { [PRE_AUTHORIZED_GRANT]: { 'pre-authorized_code': code } } };
    reply.header('cache-control', 'no-store');
    return reply.status(201).send({
      credential_offer: offer,
      credential_offer_uri: `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`,
      expiresAt: expiresAt.toISOString(),
    });
  });

  // attachValidation: a malformed request is answered as OAuth says (error, error_description), not in the service's error shape.
  app.post('/oid4vci/token', {
    attachValidation: true,
    schema: {
      operationId: 'exchangePreAuthorizedCode', summary: 'OID4VCI token endpoint: a pre-authorized code for an access token',
      tags: ['credential delivery'], consumes: ['application/x-www-form-urlencoded'],
      body: Type.Object({ grant_type: Type.String(), 'pre-authorized_code': Type.Optional(Type.String({ maxLength: 256 })), client_id: Type.Optional(Type.String({ maxLength: 256 })) }, { additionalProperties: true }),
      response: {
        200: Type.Object({ access_token: Type.String(), token_type: Type.Literal('Bearer'), expires_in: Type.Integer() }),
        400: OAuthError,
      },
    },
  }, async (request, reply) => {
    if (request.validationError) return oauthError(reply, 400, 'invalid_request', request.validationError.message);
    const body = request.body as Record<string, string>;
    if (body.grant_type !== PRE_AUTHORIZED_GRANT) return oauthError(reply, 400, 'unsupported_grant_type', `grant_type must be ${PRE_AUTHORIZED_GRANT}`);
    const code = body['pre-authorized_code'];
    if (!code) return oauthError(reply, 400, 'invalid_request', 'pre-authorized_code is missing');
    const token = secret();
    const now = new Date();
    const offer = await storage.credentialOffers.redeem(sha256(code), { tokenHash: sha256(token), tokenExpiresAt: new Date(now.getTime() + TOKEN_TTL_S * 1000), now });
    if (!offer) return oauthError(reply, 400, 'invalid_grant', 'the pre-authorized code is unknown, used or expired');
    reply.header('cache-control', 'no-store');
    return { access_token: token, token_type: 'Bearer' as const, expires_in: TOKEN_TTL_S };
  });

  app.post('/oid4vci/credential', {
    attachValidation: true,
    schema: {
      operationId: 'fetchOfferedCredential', summary: 'OID4VCI credential endpoint: the offered credential, once',
      tags: ['credential delivery'], security: [{ bearer: [] }],
      body: Type.Object({ credential_configuration_id: Type.Optional(Type.String({ maxLength: 128 })), format: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: true }),
      response: { 200: Type.Object({ credentials: Type.Array(Type.Object({ credential: Type.String() })) }), 400: OAuthError, 401: OAuthError },
    },
  }, async (request, reply) => {
    const token = /^Bearer +([A-Za-z0-9_-]{16,128})$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return oauthError(reply.header('www-authenticate', 'Bearer'), 401, 'invalid_token', 'an access token from the token endpoint is required');
    if (request.validationError) return oauthError(reply, 400, 'invalid_credential_request', request.validationError.message);
    const { credential_configuration_id: id } = request.body as { credential_configuration_id?: string };
    if (id !== undefined && id !== CONFIGURATION_ID) return oauthError(reply, 400, 'unsupported_credential_configuration', `credential_configuration_id must be ${CONFIGURATION_ID}`);
    const credential = await storage.credentialOffers.takeCredential(sha256(token), new Date());
    if (!credential) return oauthError(reply.header('www-authenticate', 'Bearer error="invalid_token"'), 401, 'invalid_token', 'the access token is unknown or expired, or its credential was already fetched');
    reply.header('cache-control', 'no-store');
    return { credentials: [{ credential }] };
  });
};
