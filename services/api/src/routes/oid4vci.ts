import { createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import { calculateJwkThumbprint, compactDecrypt, CompactEncrypt, decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { jwkToSecp256k1PublicKey, sdJwtVerifierFor } from '@identree/sdk';
import { loadCodeKey } from '../oidc/codeKey.js';
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
const TX_CODE_LENGTH = 6;
const NONCE_TTL_S = 300;
const PROOF_TYP = 'openid4vci-proof+jwt';

/**
 * The key that seals an offered credential at rest: derived from the pre-authorized code and the tx_code, neither of
 * which the service keeps (it stores their hashes), so the stored SD-JWT is ciphertext until the wallet comes with both.
 */
const offerKey = (code: string, txCode: string) => new Uint8Array(hkdfSync('sha256', `${code}\n${txCode}`, 'identree-oid4vci', 'offered credential', 32));
const seal = (credential: string, key: Uint8Array) => new CompactEncrypt(new TextEncoder().encode(credential)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key);
const open = async (jwe: string, key: Uint8Array) => new TextDecoder().decode((await compactDecrypt(jwe, key)).plaintext);
/** An access token is a random secret followed by the offer key: the key travels with the wallet, never rests here. */
const KEY_CHARS = 43;
const splitToken = (token: string) => ({ key: new Uint8Array(Buffer.from(token.slice(-KEY_CHARS), 'base64url')) });

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
 * (its metadata at the two well-known URLs). Every offer has a transaction code (a 6-digit PIN the issuer gives the
 * holder apart from the QR code; one wrong try voids the offer), the stored credential is sealed under a key from
 * the code and the PIN, and a credential bound to a holder key (`cnf.jwk`) is handed only to a wallet that proves
 * that key with an `openid4vci-proof+jwt` over a fresh `c_nonce`.
 */
export const oid4vciRoutes: FastifyPluginAsync<{ storage: Storage; publicUrl: string; dataDir: string }> = async (app, { storage, publicUrl, dataDir }) => {
  const base = publicUrl.replace(/\/$/, '');
  // Shared by every API process on the data directory, like the OIDC code key, so any of them checks a c_nonce.
  const nonceKey = await loadCodeKey(path.join(dataDir, 'oid4vci-nonce-key'));
  // Token requests are form-encoded (RFC 6749); parsed by the platform's URLSearchParams, then checked by the route's schema.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get('/.well-known/openid-credential-issuer', {
    schema: { operationId: 'getCredentialIssuerMetadata', summary: 'OID4VCI credential issuer metadata', tags: ['credential delivery'], response: { 200: Type.Object({}, { additionalProperties: true }) } },
  }, async () => ({
    credential_issuer: base,
    credential_endpoint: `${base}/oid4vci/credential`,
    nonce_endpoint: `${base}/oid4vci/nonce`,
    credential_configurations_supported: {
      [CONFIGURATION_ID]: {
        format: 'dc+sd-jwt',
        cryptographic_binding_methods_supported: ['jwk'],
        credential_signing_alg_values_supported: ['ES256K'],
        proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256K', 'ES256', 'EdDSA'] } },
      },
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
      description: 'The credential\'s issuer posts its SD-JWT VC (SDK exportSdJwtVc); the answer is the offer for the holder\'s wallet, valid 10 minutes and redeemable once, and its transaction code (PIN) for the holder. The service keeps the SD-JWT sealed under a key from the code and the PIN until the wallet fetches it.',
      tags: ['credential delivery'], security: [{ bearer: [] }],
      body: Type.Object({ uid: Bytes32, sdJwt: Type.String({ minLength: 16, maxLength: 65_536, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(~[A-Za-z0-9_-]*)*~$', description: 'The SD-JWT VC, with every disclosure' }) }, { additionalProperties: false }),
      response: {
        201: Type.Object({
          credential_offer: Type.Object({ credential_issuer: Type.String(), credential_configuration_ids: Type.Array(Type.String()), grants: Type.Object({}, { additionalProperties: true }) }),
          credential_offer_uri: Type.String({ description: 'openid-credential-offer:// URI, for a QR code' }),
          txCode: Type.String({ pattern: '^[0-9]{6}$', description: 'The transaction code (PIN) to give the holder apart from the offer, e.g. on paper or by SMS; never put it in the QR code' }),
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
    const txCode = String(randomInt(0, 10 ** TX_CODE_LENGTH)).padStart(TX_CODE_LENGTH, '0');
    const expiresAt = new Date(Date.now() + OFFER_TTL_S * 1000);
    const sealed = await seal(sdJwt, offerKey(code, txCode));
    await storage.credentialOffers.create({ codeHash: sha256(code), issuer, holder: credential.subject, uid, credential: sealed, expiresAt });
    const txCodeHint = { input_mode: 'numeric', length: TX_CODE_LENGTH, description: 'The 6-digit code your issuer gave you with this offer' };
    const offer = { credential_issuer: base, credential_configuration_ids: [CONFIGURATION_ID], grants: { [PRE_AUTHORIZED_GRANT]: { 'pre-authorized_code': code, tx_code: txCodeHint } } };
    reply.header('cache-control', 'no-store');
    return reply.status(201).send({
      credential_offer: offer,
      credential_offer_uri: `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`,
      txCode,
      expiresAt: expiresAt.toISOString(),
    });
  });

  // attachValidation: a malformed request is answered as OAuth says (error, error_description), not in the service's error shape.
  app.post('/oid4vci/token', {
    attachValidation: true,
    schema: {
      operationId: 'exchangePreAuthorizedCode', summary: 'OID4VCI token endpoint: a pre-authorized code for an access token',
      tags: ['credential delivery'], consumes: ['application/x-www-form-urlencoded'],
      body: Type.Object({ grant_type: Type.String(), 'pre-authorized_code': Type.Optional(Type.String({ maxLength: 256 })), tx_code: Type.Optional(Type.String({ maxLength: 64 })), client_id: Type.Optional(Type.String({ maxLength: 256 })) }, { additionalProperties: true }),
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
    const txCode = body.tx_code;
    if (!txCode) return oauthError(reply, 400, 'invalid_request', 'tx_code is missing: enter the code the issuer gave you with the offer');
    const key = offerKey(code, txCode);
    const token = `${secret()}${Buffer.from(key).toString('base64url')}`;
    const now = new Date();
    // Redeemed before the PIN is checked, so a wrong PIN spends the offer: one try, and no guessing 10^6 of them.
    const offer = await storage.credentialOffers.redeem(sha256(code), { tokenHash: sha256(token), tokenExpiresAt: new Date(now.getTime() + TOKEN_TTL_S * 1000), now });
    if (!offer) return oauthError(reply, 400, 'invalid_grant', 'the pre-authorized code is unknown, used or expired');
    if (offer.credential === null || !(await open(offer.credential, key).then(() => true, () => false))) {
      return oauthError(reply, 400, 'invalid_grant', 'the tx_code is wrong; the offer is void now, ask the issuer for a new one');
    }
    reply.header('cache-control', 'no-store');
    return { access_token: token, token_type: 'Bearer' as const, expires_in: TOKEN_TTL_S };
  });

  app.post('/oid4vci/nonce', {
    schema: {
      operationId: 'getCredentialNonce', summary: 'OID4VCI nonce endpoint: a c_nonce for the key proof',
      tags: ['credential delivery'],
      response: { 200: Type.Object({ c_nonce: Type.String() }) },
    },
  }, async (_request, reply) => {
    // Stateless: a short MAC'd token, valid five minutes; the credential itself is handed out once anyway.
    const nonce = await new SignJWT({ purpose: 'c_nonce', n: secret() }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(`${NONCE_TTL_S}s`).sign(nonceKey);
    reply.header('cache-control', 'no-store');
    return { c_nonce: nonce };
  });

  /**
   * The key the wallet proves, or why its proof fails: signed by the key its header names, for this issuer, recently,
   * over a c_nonce of ours. ES256K (the holder keys here) is checked by the SDK's secp256k1 verifier, since jose 6
   * dropped that curve; other algorithms by jose.
   */
  const checkProof = async (proof: string): Promise<{ jwk: JWK } | { error: string }> => {
    try {
      const header = decodeProtectedHeader(proof) as { jwk?: JWK; typ?: string; alg?: string };
      if (header.typ !== PROOF_TYP) return { error: `the proof's typ must be ${PROOF_TYP}` };
      if (!header.jwk || !header.alg) return { error: 'the proof must name its key in the jwk header, with its alg' };
      if (header.alg === 'ES256K') {
        const [head, body, signature] = proof.split('.');
        const verify = sdJwtVerifierFor({ publicKey: jwkToSecp256k1PublicKey(header.jwk) });
        if (!(await verify(`${head}.${body}`, signature ?? ''))) return { error: 'the proof is not signed by the key in its jwk header' };
        const claims = decodeJwt(proof);
        const now = Math.floor(Date.now() / 1000);
        if (claims.aud !== base && !(Array.isArray(claims.aud) && claims.aud.includes(base))) return { error: `the proof is for ${JSON.stringify(claims.aud)}, not ${base}` };
        if (typeof claims.iat !== 'number' || claims.iat > now + 60 || claims.iat < now - NONCE_TTL_S) return { error: 'the proof was not made in the last five minutes' };
      } else {
        await jwtVerify(proof, await importJWK(header.jwk, header.alg), { audience: base, typ: PROOF_TYP, maxTokenAge: `${NONCE_TTL_S}s` });
      }
      const { nonce } = decodeJwt(proof);
      if (typeof nonce !== 'string') return { error: 'the proof carries no nonce: fetch one from the nonce endpoint' };
      const ours = await jwtVerify(nonce, nonceKey, { algorithms: ['HS256'] }).then(() => true, () => false);
      if (!ours) return { error: 'the proof\'s nonce is not one of ours, or it expired: fetch a fresh one' };
      return { jwk: header.jwk };
    } catch (error) {
      return { error: `the proof is malformed: ${error instanceof Error ? error.message : String(error)}` };
    }
  };

  app.post('/oid4vci/credential', {
    attachValidation: true,
    schema: {
      operationId: 'fetchOfferedCredential', summary: 'OID4VCI credential endpoint: the offered credential, once',
      description: 'A credential bound to a holder key (cnf.jwk) needs a key proof by that key: proofs.jwt (or proof.jwt), an openid4vci-proof+jwt for this issuer over a c_nonce from the nonce endpoint.',
      tags: ['credential delivery'], security: [{ bearer: [] }],
      body: Type.Object({
        credential_configuration_id: Type.Optional(Type.String({ maxLength: 128 })),
        format: Type.Optional(Type.String({ maxLength: 64 })),
        proofs: Type.Optional(Type.Object({ jwt: Type.Array(Type.String({ maxLength: 8_192 }), { minItems: 1, maxItems: 1 }) }, { additionalProperties: true })),
        proof: Type.Optional(Type.Object({ proof_type: Type.Optional(Type.String({ maxLength: 32 })), jwt: Type.String({ maxLength: 8_192 }) }, { additionalProperties: true })),
      }, { additionalProperties: true }),
      response: { 200: Type.Object({ credentials: Type.Array(Type.Object({ credential: Type.String() })) }), 400: OAuthError, 401: OAuthError },
    },
  }, async (request, reply) => {
    const token = /^Bearer +([A-Za-z0-9_-]{59,128})$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return oauthError(reply.header('www-authenticate', 'Bearer'), 401, 'invalid_token', 'an access token from the token endpoint is required');
    if (request.validationError) return oauthError(reply, 400, 'invalid_credential_request', request.validationError.message);
    const body = request.body as { credential_configuration_id?: string; proofs?: { jwt: string[] }; proof?: { jwt: string } };
    if (body.credential_configuration_id !== undefined && body.credential_configuration_id !== CONFIGURATION_ID) return oauthError(reply, 400, 'unsupported_credential_configuration', `credential_configuration_id must be ${CONFIGURATION_ID}`);
    const proofJwt = body.proofs?.jwt[0] ?? body.proof?.jwt;
    // Checked before the credential is taken, so a wallet with a broken proof can try again with the same token.
    const proof = proofJwt === undefined ? null : await checkProof(proofJwt);
    if (proof && 'error' in proof) return oauthError(reply, 400, 'invalid_proof', proof.error);
    const sealed = await storage.credentialOffers.takeCredential(sha256(token), new Date());
    if (!sealed) return oauthError(reply.header('www-authenticate', 'Bearer error="invalid_token"'), 401, 'invalid_token', 'the access token is unknown or expired, or its credential was already fetched');
    const credential = await open(sealed, splitToken(token).key);
    const bound = (decodeJwt(credential.split('~')[0]!) as { cnf?: { jwk?: JWK } }).cnf?.jwk;
    if (bound) {
      if (!proof) return oauthError(reply, 400, 'invalid_proof', 'this credential is bound to a holder key: send a key proof (proofs.jwt) by that key; the credential is spent, ask the issuer for a new offer');
      if ((await calculateJwkThumbprint(proof.jwk)) !== (await calculateJwkThumbprint(bound))) {
        return oauthError(reply, 400, 'invalid_proof', 'the proof is signed by another key than the one the credential is bound to; the credential is spent, ask the issuer for a new offer');
      }
    }
    reply.header('cache-control', 'no-store');
    return { credentials: [{ credential }] };
  });
};
