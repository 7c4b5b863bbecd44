import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { getAddress, type Address, type Hex } from 'viem';
import type { FaceTemplateEnvelope, SignedFaceTemplateMessage } from '@identree/sdk';
import type { TemplateRecordStore, TemplateBlobStore, FaceAuditLog, FaceEngine, SpoofGate } from '@identree/biometrics';
import { privateKeyToAccount } from 'viem/accounts';
import { parseSiweMessage } from 'viem/siwe';
import {
  FaceRequestError,
  acceptKioskGrant,
  checkFaceLogin,
  eraseTemplate,
  guardianTemplateRecord,
  kioskCheck,
  rewrapTemplateKey,
  type Kiosk,
  type KioskKeyStore,
  issueFaceChallenge,
  FACE_TEMPLATE_REQUEST_URN,
  storeTemplate,
  type FaceChain,
  type FaceChallengeStore,
  type FaceFailureLimiter,
} from '@identree/biometrics-service';
import { Address as AddressSchema, ErrorReply, Signature, errorReplies } from './schemas.js';
import { LoginReply } from '../auth/schemas.js';

/** What the face routes run on; without it they answer 503 face_unavailable. */
export type FaceRouteDependencies = {
  chain: FaceChain;
  blobs: TemplateBlobStore;
  records: TemplateRecordStore;
  audit: FaceAuditLog;
  challenges: FaceChallengeStore;
  limiter: FaceFailureLimiter;
  /** The lowest match threshold a login may report. */
  minThreshold?: number;
  /**
   * The anti-spoof policy (FACE_ANTISPOOF): every liveness challenge carries it (its hash covers it) and the kiosk
   * applies it to its photo, with an engine that runs the gate's models. Undefined: off.
   */
  spoofGate?: SpoofGate;
  /** Service-side checks on a holder's short-lived grant; without it the kiosk routes answer 503. */
  kiosk?: { kiosk: Kiosk; kioskKeys: KioskKeyStore; engine: () => Promise<FaceEngine>; maxImageBytes?: number };
};
export type FaceRoutesOptions = { face?: FaceRouteDependencies };

const Base64url = (maxLength: number) => Type.String({ pattern: '^[A-Za-z0-9_-]*$', maxLength });
export const FaceTemplateEnvelopeSchema = Type.Object({
  version: Type.Literal(1),
  contentAlgorithm: Type.Literal('A256GCM'),
  keyAlgorithm: Type.Literal('ECIES-secp256k1'),
  holder: AddressSchema,
  templateVersion: Type.Integer({ minimum: 1, maximum: 0xffff_ffff }),
  dimensions: Type.Integer({ minimum: 1, maximum: 4096 }),
  cid: Type.String({ minLength: 8, maxLength: 128, pattern: '^[a-z0-9]+$' }),
  nonce: Base64url(32),
  wrappedKeys: Type.Array(Type.Object({ recipient: AddressSchema, wrappedKey: Base64url(1024) }, { additionalProperties: false }), { minItems: 1, maxItems: 16 }),
}, { additionalProperties: false, description: 'A sealed face template\'s envelope (sealFaceTemplate in the SDK): the wrapped keys, never the template' });
const Envelope = FaceTemplateEnvelopeSchema;
const Uint = Type.String({ pattern: '^[0-9]{1,78}$', description: 'A uint256 in decimal' });
const SignedMessage = (action: 'enroll' | 'reenroll' | 'erase') => Type.Object({
  action: Type.Literal(action),
  identity: AddressSchema,
  ...(action === 'erase' ? {} : { cid: Type.String({ pattern: '^0x([0-9a-fA-F]{2}){1,64}$', description: 'The binary CID, hex' }) }),
  templateVersion: Type.Integer({ minimum: 1, maximum: 0xffff_ffff }),
  nonce: Uint,
  deadline: Uint,
  signature: Signature,
}, { additionalProperties: false, description: `The holder's ${action} message for the face template registry, signed with signFaceTemplateMessage` });
const TemplateBody = (action: 'enroll' | 'reenroll') => Type.Object({
  model: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._/@-]+$', description: 'The face model that made the embedding' }),
  envelope: Envelope,
  ciphertext: Base64url(65_536),
  signed: SignedMessage(action),
}, { additionalProperties: false });
const TemplateReply = Type.Object({
  cid: Type.String(),
  templateVersion: Type.Integer(),
  transactionHash: Type.Union([Type.String(), Type.Null()]),
  replaced: Type.Optional(Type.Object({ cid: Type.String(), templateVersion: Type.Integer() })),
});
const MatchReport = Type.Object({
  outcome: Type.Union([Type.Literal('matched'), Type.Literal('not-matched')]),
  cid: Type.String({ minLength: 8, maxLength: 128, pattern: '^[a-z0-9]+$' }),
  templateVersion: Type.Integer({ minimum: 1, maximum: 0xffff_ffff }),
  model: Type.String({ minLength: 1, maxLength: 64 }),
  threshold: Type.Number({ minimum: -1, maximum: 1 }),
}, { additionalProperties: false, description: 'What the holder\'s device matched: the template and threshold, never the score' });
const replies = { ...errorReplies, 429: ErrorReply, 503: ErrorReply };
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'application/octet-stream'];
const MAX_KIOSK_IMAGE_BYTES = 4 * 1024 * 1024;
/** The roles that run kiosks: registered organisations and authorities, never a visitor. */
const KIOSK_ROLES = ['Government', 'Admin', 'Issuer', 'Organization'];

type TemplateBodyType = Static<ReturnType<typeof TemplateBody>>;
const toSigned = (s: TemplateBodyType['signed'] | Static<ReturnType<typeof SignedMessage>>): SignedFaceTemplateMessage => ({
  ...(s as unknown as SignedFaceTemplateMessage), nonce: BigInt(s.nonce), deadline: BigInt(s.deadline), signature: s.signature as Hex,
});
const fromBase64url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

/**
 * Face templates and face login (issue 21). Templates are sealed on the holder's device, so the service
 * stores only ciphertext and wrapped keys; matching happens where the holder's key is, and the login binds
 * the signed match result to a liveness challenge issued here. The logic is `@identree/biometrics-service`'s.
 */
export const faceRoutes: FastifyPluginAsync<FaceRoutesOptions> = async (app, { face: deps }) => {
  app.setErrorHandler((error, _request, reply: FastifyReply) => {
    if (error instanceof FaceRequestError) {
      if (error.retryAfterSeconds) reply.header('retry-after', error.retryAfterSeconds);
      return reply.status(error.statusCode).send({ error: error.code, message: error.shortMessage });
    }
    throw error;
  });
  const service = (): FaceRouteDependencies => {
    if (!deps) throw new FaceUnavailable();
    return deps;
  };
  const kioskService = () => {
    const d = service();
    if (!d.kiosk) throw new FaceUnavailable('the kiosk is not configured on this service');
    return { ...d, ...d.kiosk };
  };
  const maxImageBytes = deps?.kiosk?.maxImageBytes ?? MAX_KIOSK_IMAGE_BYTES;
  app.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: maxImageBytes }, (_req, body, done) => done(null, body));
  /** The identity the signed-in key acts for (a retired key acts for no one). */
  const identityOf = async (d: Pick<FaceRouteDependencies, 'chain'>, key: Address) => {
    const identity = await d.chain.identityOf(key);
    if (!identity) throw new FaceRequestError('holder_mismatch', `${key} no longer controls an identity`);
    return identity;
  };

  const put = (action: 'enroll' | 'reenroll') => async (request: { body: unknown; user: { address: string } | null }) => {
    const d = service();
    const key = getAddress(request.user!.address);
    const body = request.body as TemplateBodyType;
    return storeTemplate({
      ...d, identity: await identityOf(d, key), key, model: body.model, envelope: body.envelope as FaceTemplateEnvelope,
      ciphertext: fromBase64url(body.ciphertext), signed: toSigned(body.signed),
    });
  };

  app.post('/face/templates', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'enrollFaceTemplate',
      summary: 'Enroll a face template sealed on the holder\'s device',
      description: 'The envelope and ciphertext from sealFaceTemplate (the service cannot open them) and the holder\'s signed enroll message; the ciphertext is pinned and the commitment relayed to the face template registry. '
        + 'Besides the holder\'s key, the data key may be wrapped to current guardians\' keys, so a guardian can give face login back after a recovery. '
        + '400 envelope_invalid, recipient_not_guardian or template_mismatch, 403 holder_mismatch, 409 template_exists or chain_refused; nothing is kept when the chain refuses.',
      tags: ['face'],
      security: [{ bearer: [] }],
      body: TemplateBody('enroll'),
      response: { 201: TemplateReply, ...replies },
    },
  }, async (request, reply) => reply.status(201).send(await put('enroll')(request)));

  app.put('/face/templates', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'reenrollFaceTemplate',
      summary: 'Replace the holder\'s face template with a newer version',
      description: 'As enrollment, with a reenroll message and a higher version; the replaced ciphertext is unpinned and the change is on chain (FaceTemplateReplaced) and in the audit log. 404 template_not_found without a template.',
      tags: ['face'],
      security: [{ bearer: [] }],
      body: TemplateBody('reenroll'),
      response: { 200: TemplateReply, ...replies },
    },
  }, async (request) => put('reenroll')(request));

  app.delete('/face/templates', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'eraseFaceTemplate',
      summary: 'Erase the holder\'s face template',
      description: 'With the holder\'s signed erase message: the erasure is recorded on chain (FaceTemplateErased), the wrapped keys destroyed, so no copy of the ciphertext opens again, and the blob deleted or unpinned; each step is in the audit log.',
      tags: ['face'],
      security: [{ bearer: [] }],
      body: Type.Object({ signed: SignedMessage('erase') }, { additionalProperties: false }),
      response: { 200: TemplateReply, ...replies },
    },
  }, async (request) => {
    const d = service();
    const identity = await identityOf(d, getAddress(request.user!.address));
    return eraseTemplate({ ...d, identity, signed: toSigned((request.body as { signed: Static<ReturnType<typeof SignedMessage>> }).signed) });
  });

  app.get('/face/templates/:identity', {
    schema: {
      operationId: 'getFaceTemplateStatus',
      summary: 'What the chain records of an identity\'s face template: version and status',
      description: 'Public, like the chain itself. The next enrollment must use a higher version than templateVersion, even after an erasure.',
      tags: ['face'],
      params: Type.Object({ identity: AddressSchema }),
      response: { 200: Type.Object({ templateVersion: Type.Integer(), status: Type.String() }), ...replies },
    },
  }, async (request) => service().chain.status(getAddress((request.params as { identity: Address }).identity)));

  app.get('/face/templates/:identity/envelope', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'getGuardianFaceTemplateEnvelope',
      summary: 'A holder\'s face template envelope, for one of its guardians',
      description: 'Only to a signed-in current guardian of the identity whose key the envelope wraps the template\'s data key to (403 not_a_guardian otherwise): '
        + 'after a recovery the guardian unwraps the data key on its own device and wraps it to the holder\'s new key (grantFaceTemplateKey in the SDK), then posts it to /face/templates/{identity}/keys.',
      tags: ['face'],
      security: [{ bearer: [] }],
      params: Type.Object({ identity: AddressSchema }),
      response: { 200: Type.Object({ envelope: Envelope, model: Type.String(), key: Type.Union([AddressSchema, Type.Null()], { description: 'The identity\'s current key, to wrap to' }) }), ...replies },
    },
  }, async (request, reply) => {
    const d = service();
    const identity = getAddress((request.params as { identity: Address }).identity);
    const record = await guardianTemplateRecord({ ...d, identity, guardianKey: getAddress(request.user!.address) });
    reply.header('cache-control', 'no-store');
    return { envelope: record.envelope, model: record.model, key: await d.chain.keyOf(identity) };
  });

  app.post('/face/templates/:identity/keys', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'rewrapFaceTemplateKey',
      summary: 'A guardian gives face login back to a recovered holder: the template key wrapped to the holder\'s current key',
      description: 'By a signed-in current guardian holding a wrapped key of the template (403 not_a_guardian), wrapped on its device to the identity\'s current key (400 template_mismatch for another recipient), '
        + 'and only while that key has none (409 key_exists), so a guardian can give face login back but never take it away. Keys wrapped to retired keys are dropped. The service never sees the data key. The holder\'s audit trail records the re-wrap (FaceTemplateKeyRewrapped: the guardian, its key and the key wrapped to, never the wrapped key).',
      tags: ['face'],
      security: [{ bearer: [] }],
      params: Type.Object({ identity: AddressSchema }),
      body: Type.Object({ wrappedKey: Type.Object({ recipient: AddressSchema, wrappedKey: Base64url(1024) }, { additionalProperties: false }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ recipients: Type.Array(AddressSchema) }), ...replies },
    },
  }, async (request, reply) => {
    const d = service();
    const identity = getAddress((request.params as { identity: Address }).identity);
    const { wrappedKey } = request.body as { wrappedKey: { recipient: Address; wrappedKey: string } };
    return reply.status(201).send(await rewrapTemplateKey({ ...d, identity, guardianKey: getAddress(request.user!.address), wrapped: wrappedKey }));
  });

  app.post('/prepare/face/:action', {
    schema: {
      operationId: 'prepareFaceTemplateMessage',
      summary: 'The EIP-712 message a face template enroll, re-enroll or erase needs, for a key held elsewhere',
      description: 'The domain the face template registry reports and the identity\'s current nonce; uint fields as decimal strings. Sign it and post it as `signed` to /face/templates.',
      tags: ['face'],
      params: Type.Object({ action: Type.Union([Type.Literal('enroll'), Type.Literal('reenroll'), Type.Literal('erase')]) }),
      body: Type.Object({
        identity: AddressSchema,
        templateVersion: Type.Integer({ minimum: 1, maximum: 0xffff_ffff }),
        cid: Type.Optional(Type.String({ minLength: 8, maxLength: 128, pattern: '^[a-z0-9]+$' })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ domain: Type.Record(Type.String(), Type.Unknown()), types: Type.Record(Type.String(), Type.Unknown()), primaryType: Type.String(), message: Type.Record(Type.String(), Type.Unknown()) }),
        ...replies,
      },
    },
  }, async (request) => {
    const { action } = request.params as { action: 'enroll' | 'reenroll' | 'erase' };
    const { identity, templateVersion, cid } = request.body as { identity: Address; templateVersion: number; cid?: string };
    if (action !== 'erase' && !cid) throw new FaceRequestError('template_mismatch', `a face template ${action} message names the template's CID`);
    return service().chain.typedData(action, getAddress(identity), templateVersion, cid);
  });

  app.get('/face/kiosk', {
    schema: {
      operationId: 'getFaceKiosk',
      summary: 'The kiosk\'s key and the address a holder grants its face template to',
      description: 'A holder who wants a service-side check wraps its template key to publicKey (grantFaceTemplateKey in the SDK) and grants verifier access to faceTemplateGrantUid(identity) for a few minutes (grantAccess), then posts the wrapped key to /face/kiosk/grants.',
      tags: ['face'],
      response: { 200: Type.Object({ publicKey: Type.String(), recipient: AddressSchema, verifier: AddressSchema }), ...replies },
    },
  }, async () => {
    const { kiosk } = kioskService();
    const account = privateKeyToAccount(kiosk.privateKey);
    return { publicKey: account.publicKey, recipient: account.address, verifier: kiosk.verifier };
  });

  app.post('/face/kiosk/grants', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'grantFaceKiosk',
      summary: 'Hand the kiosk the holder\'s template key for the life of an on-chain grant',
      description: 'The template\'s data key wrapped to the kiosk\'s public key. Accepted only while the holder\'s grant to the kiosk\'s verifier is live on chain; the service destroys it when the grant expires. 403 kiosk_not_granted without a live grant.',
      tags: ['face'],
      security: [{ bearer: [] }],
      body: Type.Object({ wrappedKey: Type.Object({ recipient: AddressSchema, wrappedKey: Base64url(1024) }, { additionalProperties: false }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ expiresAt: Type.Integer({ description: 'Unix seconds' }) }), ...replies },
    },
  }, async (request, reply) => {
    const d = kioskService();
    const identity = await identityOf(d, getAddress(request.user!.address));
    const { wrappedKey } = request.body as { wrappedKey: { recipient: Address; wrappedKey: string } };
    return reply.status(201).send(await acceptKioskGrant({ ...d, identity, wrapped: wrappedKey }));
  });

  app.post('/face/kiosk/check', {
    preHandler: app.requireAuth(KIOSK_ROLES),
    bodyLimit: maxImageBytes,
    schema: {
      operationId: 'checkFaceAtKiosk',
      summary: 'Check a photo taken at the kiosk against a holder\'s granted face template',
      description: `The photo (PNG or JPEG, ${maxImageBytes} bytes at most) as the body. 400 not_an_image, no_face, several_faces or face_too_small name what is wrong with the photo; `
        + '403 kiosk_not_granted without a live grant; 401 face_not_matched (no score) on a mismatch; with the anti-spoof policy on (FACE_ANTISPOOF), 401 spoof_suspected (no score) for a photo its models read as a spoof, counted as a mismatch; and 429 with Retry-After after repeated failures. Every check is logged on chain (AccessLogged) and in the audit log.',
      tags: ['face'],
      security: [{ bearer: [] }],
      consumes: IMAGE_TYPES,
      querystring: Type.Object({ identity: AddressSchema }),
      response: { 200: Type.Object({ matched: Type.Literal(true), templateVersion: Type.Integer() }), ...replies, 413: ErrorReply },
    },
  }, async (request) => {
    const d = kioskService();
    const image = Buffer.isBuffer(request.body) ? new Uint8Array(request.body) : new Uint8Array();
    const { identity } = request.query as { identity: Address };
    // `d` carries the anti-spoof policy (spoofGate), and its engine runs the gate's models when the policy is on
    return kioskCheck({ ...d, identity, image, engine: await d.engine() });
  });

  app.post('/auth/face/challenge', {
    config: { multilineText: ['message'] },
    schema: {
      operationId: 'createFaceLoginChallenge',
      summary: 'A sign-in nonce, a liveness challenge and the sealed template, for face login, to the holder\'s key only',
      description: `First prove control of the key: a SIWE message over a nonce from POST /auth/nonce whose resources carry ${FACE_TEMPLATE_REQUEST_URN}, signed by the identity's current key. `
        + 'Answers a fresh nonce and everything the login\'s SIWE message must say, a random head-turn and blink sequence to perform, and the sealed template (openable only with the holder\'s key) to match against on the device. '
        + 'With the anti-spoof policy on (FACE_ANTISPOOF), the challenge carries its minima (spoofGate): the device must pass human\'s antispoof and liveness models at them, and the challenge hash the login binds covers them. '
        + '401 key_proof_invalid without that proof; 404 template_not_found. The envelope (the wrapped keys) is never handed to anyone else: a copy would open the template later with a stolen or retired key, even after an erasure.',
      tags: ['auth', 'face'],
      body: Type.Object({
        message: Type.String({ minLength: 1, maxLength: 8192, description: `A SIWE message over a nonce from POST /auth/nonce, its resources carrying ${FACE_TEMPLATE_REQUEST_URN}` }),
        signature: Type.String({ pattern: '^0x[0-9a-fA-F]+$', maxLength: 16384 }),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          identity: AddressSchema,
          nonce: Type.String(), expiresAt: Type.String(), domain: Type.String(), uri: Type.String(), chainId: Type.Integer(), version: Type.Literal('1'), statement: Type.String(),
          challenge: Type.Object({
            id: Type.String(), steps: Type.Array(Type.String()), issuedAt: Type.Integer(), expiresAt: Type.Integer(),
            spoofGate: Type.Optional(Type.Object({ minReal: Type.Number({ minimum: 0, maximum: 1 }), minLive: Type.Number({ minimum: 0, maximum: 1 }) }, {
              description: 'The service\'s anti-spoof policy (FACE_ANTISPOOF), when on: the median over the frames of human\'s antispoof and liveness scores must reach these. The challenge hash the login binds covers it.',
            })),
          }),
          template: Type.Object({ envelope: Envelope, model: Type.String(), ciphertext: Type.String() }),
        }),
        ...replies,
      },
    },
  }, async (request, reply) => {
    const d = service();
    const { message, signature } = request.body as { message: string; signature: Hex };
    // The ciphertext is public (GET /blobs/:cid, its CID in the chain's event), but the envelope is not:
    // whoever keeps one can open the template with the holder's key later (a stolen key, a key retired by
    // recovery), even after the holder erased it. So only the current key gets it, on a fresh signature.
    const proof = await app.signIn.verify(message, signature);
    if (!proof.ok || !(parseSiweMessage(message).resources ?? []).includes(FACE_TEMPLATE_REQUEST_URN)) {
      request.log.info({ reason: proof.ok ? 'no face template request resource' : proof.reason }, 'face template request refused');
      throw new FaceRequestError('key_proof_invalid', `sign a SIWE message over a nonce from POST /auth/nonce with the identity's current key, its resources carrying ${FACE_TEMPLATE_REQUEST_URN}`);
    }
    const identity = await identityOf(d, getAddress(proof.address));
    const record = await d.records.get(identity);
    const ciphertext = record ? await d.blobs.get(record.envelope.cid) : null;
    if (!record || !ciphertext) throw new FaceRequestError('template_not_found', `${identity} has no face template`);
    const { nonce, expiresAt } = await app.signIn.issueNonce();
    const { challenge } = await issueFaceChallenge({ identity, nonce, challenges: d.challenges, spoofGate: d.spoofGate });
    const { policy } = app.signIn;
    reply.header('cache-control', 'no-store');
    return {
      identity, nonce, expiresAt: expiresAt.toISOString(), domain: policy.domain, uri: policy.uri, chainId: policy.chainId, version: '1' as const, statement: app.signIn.statement,
      challenge, template: { envelope: record.envelope, model: record.model, ciphertext: Buffer.from(ciphertext).toString('base64url') },
    };
  });

  app.post('/auth/face/login', {
    config: { multilineText: ['message'] },
    schema: {
      operationId: 'faceLogin',
      summary: 'Exchange a SIWE message carrying a signed face match result for an access token',
      description: 'The message names the challenge\'s nonce and, in its resources, urn:identree:face-match:<hash> of the match result bound to the liveness challenge. '
        + 'The token carries amr ["face","hwk"]. A failed or unbound match is 401 face_not_matched with no score; repeated failures of one identity are 429 with Retry-After.',
      tags: ['auth', 'face'],
      body: Type.Object({
        message: Type.String({ minLength: 1, maxLength: 8192 }),
        signature: Type.String({ pattern: '^0x[0-9a-fA-F]+$', maxLength: 16384 }),
        match: MatchReport,
      }, { additionalProperties: false }),
      response: { 200: Type.Composite([LoginReply, Type.Object({ amr: Type.Array(Type.String()) })]), ...replies },
    },
  }, async (request, reply) => {
    const d = service();
    const { message, signature, match } = request.body as { message: string; signature: Hex; match: Static<typeof MatchReport> };
    const verified = await app.signIn.verify(message, signature);
    if (!verified.ok) {
      request.log.info({ reason: verified.reason }, 'face login failed');
      throw new FaceRequestError('face_not_matched', 'the face was not confirmed for this identity');
    }
    const { identity } = await checkFaceLogin({ ...d, key: verified.address, message, match, minThreshold: d.minThreshold });
    reply.header('cache-control', 'no-store');
    request.log.info({ identity }, 'logged in with face');
    return app.signIn.token(verified.address, ['face', 'hwk']);
  });
};

/** The service runs without face templates (or without the kiosk) configured. */
class FaceUnavailable extends Error {
  readonly statusCode = 503;
  readonly code = 'face_unavailable';
  constructor(message = 'face login is not configured on this service') {
    super(message);
  }
}
