import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { cachedStatusSource, chainStatusSource, presentationSchema, verifyPresentation, type NonceStore } from '@identree/sdk';
import { createVerifyPool, type VerifyRequest } from '../cluster/verifyPool.js';
import { Bytes32, errorReplies } from './schemas.js';

const Audience = Type.String({ minLength: 1, maxLength: 256, description: "The verifier's identifier, e.g. its origin" });
const Level = Type.Union([Type.Literal('Uncertified'), Type.Literal('Accredited'), Type.Literal('GovernmentCertified')]);

const VerdictReply = Type.Object({
  valid: Type.Boolean(),
  holder: Type.Optional(Type.String()),
  audience: Type.Optional(Type.String()),
  reasons: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), credential: Type.Optional(Type.String()) })),
  credentials: Type.Optional(
    Type.Array(
      Type.Object({
        uid: Type.String(), issuer: Type.String(), type: Type.String(), level: Type.String(), linked: Type.Boolean(),
        disclosed: Type.Record(Type.String(), Type.String()),
      }),
    ),
  ),
});

export type PresentationRoutesOptions = {
  nonces: NonceStore;
  statusTtlMs?: number;
  nonceTtlSeconds?: number;
  /** Worker threads for verification; 0 verifies on the HTTP thread. */
  verifyThreads?: number;
};

/**
 * The thread count used when the registering code passes none. app.ts registers these routes with
 * their nonces only, so server.ts sets VERIFY_THREADS here before building the app.
 */
export const presentationDefaults = { verifyThreads: 0 };

/**
 * The verifier's side: ask for a nonce, then submit what the holder presented and get a verdict.
 * The presentation's own JSON Schema (from the SDK) validates the body, so a malformed one is a
 * 400 naming the field; a well-formed but invalid one is a 200 verdict with its reasons.
 */
export const presentationRoutes: FastifyPluginAsync<PresentationRoutesOptions> = async (app, options) => {
  const { nonces, statusTtlMs = 5_000, nonceTtlSeconds = 300, verifyThreads = presentationDefaults.verifyThreads } = options;
  let verify: (request: VerifyRequest) => Promise<unknown>;
  if (verifyThreads > 0) {
    const pool = createVerifyPool({ threads: verifyThreads, nonces, chainId: app.chain.chainId, rpcUrl: app.chain.rpcUrl, statusTtlMs });
    app.addHook('onClose', () => pool.close());
    verify = pool.verify;
  } else {
    const status = cachedStatusSource(chainStatusSource({ [app.chain.chainId]: app.chain.reader as never }), { ttlMs: statusTtlMs });
    verify = (request) => verifyPresentation({ ...request, nonces, status });
  }

  app.post('/presentations/nonce', {
    schema: {
      tags: ['presentations'],
      body: Type.Object({ audience: Audience }, { additionalProperties: false }),
      response: { 200: Type.Object({ audience: Type.String(), nonce: Bytes32, expiresAt: Type.Integer() }), ...errorReplies },
    },
  }, async (request) => {
    const { audience } = request.body as { audience: string };
    const nonce = await nonces.issue(audience, nonceTtlSeconds);
    return { audience, nonce, expiresAt: Math.floor(Date.now() / 1000) + nonceTtlSeconds };
  });

  app.post('/presentations/verify', {
    schema: {
      tags: ['presentations'],
      body: Type.Object(
        {
          audience: Audience,
          presentation: Type.Unsafe(presentationSchema),
          policy: Type.Optional(
            Type.Object(
              {
                minLevel: Type.Optional(Level),
                requireLinked: Type.Optional(Type.Boolean()),
                requiredAttributes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 64 })),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      response: { 200: VerdictReply, ...errorReplies },
    },
  }, async (request) => {
    const { audience, presentation, policy } = request.body as VerifyRequest;
    return verify({ presentation, audience, policy });
  });
};
