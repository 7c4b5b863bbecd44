import type { FastifyPluginAsync } from 'fastify';
import fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { cachedStatusSource, chainStatusSource, type NonceStore } from '@identree/sdk';
import type { ServiceAccessLogRepository } from '@identree/store';
import { createVerifyPool } from '../cluster/verifyPool.js';
import { ServiceError } from '../errors.js';
import { presentationBodyVerifier, type BodyOutcome, type RequestBody } from '../presentations/presentationBodyVerifier.js';
import { Audience, VerdictReply, VerifyPresentationBody } from '../presentations/schemas.js';
import type { FailedVerdictWindow } from '../presentations/failedVerdictWindow.js';
import { Bytes32, ErrorReply, errorReplies } from './schemas.js';

const { FST_ERR_CTP_EMPTY_JSON_BODY, FST_ERR_CTP_INVALID_JSON_BODY, FST_ERR_VALIDATION } = fastify.errorCodes;

export type PresentationRoutesOptions = {
  nonces: NonceStore;
  statusTtlMs?: number;
  nonceTtlSeconds?: number;
  /** Worker threads for verification; 0 (the default) verifies on the HTTP thread. */
  verifyThreads?: number;
  /** Where each verdict is logged for the holder it names (the service-side access log). */
  accessLog?: ServiceAccessLogRepository;
  /** Logs only the first failed verdict of each (audience, holder, reasons) per window; without it, every one. */
  failedVerdicts?: FailedVerdictWindow;
};

/** A JSON body as read, not yet parsed: distinct from a text/plain body, which is a plain string. */
class JsonText {
  constructor(readonly text: string) {}
}

/** The reply for an outcome that is not a verdict: the same errors Fastify's parser and validator raise. */
function outcomeError(outcome: Exclude<BodyOutcome, { t: 'verdict' }>): Error {
  if (outcome.t === 'unparsable') return new FST_ERR_CTP_INVALID_JSON_BODY();
  if (outcome.t === 'invalid') {
    const { issue } = outcome;
    return Object.assign(new FST_ERR_VALIDATION('body', `body${issue.instancePath} ${issue.message ?? 'is invalid'}`), { validation: [issue], validationContext: 'body' });
  }
  const cause = new Error(outcome.detail);
  return outcome.status ? ServiceError.carried(outcome.status, outcome.code!, outcome.message, { cause }) : cause;
}

/**
 * The verifier's side: ask for a nonce, then submit what the holder presented and get a verdict.
 * The presentation's own JSON Schema (from the SDK) validates the body, so a malformed one is a
 * 400 naming the field; a well-formed but invalid one is a 200 verdict with its reasons.
 */
export const presentationRoutes: FastifyPluginAsync<PresentationRoutesOptions> = async (app, options) => {
  const { nonces, statusTtlMs = 5_000, nonceTtlSeconds = 300, verifyThreads = 0 } = options;
  let verifyBody: (body: RequestBody) => Promise<BodyOutcome>;
  if (verifyThreads > 0) {
    const pool = createVerifyPool({ threads: verifyThreads, nonces, chainId: app.chain.chainId, rpcUrl: app.chain.rpcUrl, registry: app.chain.registry, statusTtlMs });
    app.addHook('onClose', () => pool.close());
    verifyBody = pool.verify;
  } else {
    const status = cachedStatusSource(chainStatusSource({ [app.chain.chainId]: { client: app.chain.reader as never, registries: [app.chain.registry] } }), { ttlMs: statusTtlMs });
    verifyBody = presentationBodyVerifier({ nonces, status });
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

  // Its own scope, because here a JSON body stays the text it arrived as: presentationBodyVerifier
  // parses, validates and serializes it (on a verification thread when there are any), with the
  // same parser options, compiler and schemas Fastify would use. The schemas stay declared below
  // for the OpenAPI document; the route's validator is a pass-through for that reason only.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
      if (text.length === 0) done(new FST_ERR_CTP_EMPTY_JSON_BODY(), undefined);
      else done(null, new JsonText(text as string));
    });
    scope.post('/presentations/verify', {
      schema: {
        tags: ['presentations'],
        body: VerifyPresentationBody,
        response: { 200: VerdictReply, ...errorReplies, 503: ErrorReply },
      },
      validatorCompiler: () => () => true,
    }, async (request, reply) => {
      const body = request.body instanceof JsonText ? { json: request.body.text } : { value: request.body };
      const outcome = await verifyBody(body);
      if (outcome.t !== 'verdict') throw outcomeError(outcome);
      // The holder sees every verdict given in its name, logged before the verifier gets it; a failure once per
      // window of its kind, since anyone can post failures in anyone's name. The service's own log names no holder.
      const entry = options.accessLog ? outcome.access : null;
      if (entry && !entry.success) request.log.debug({ accessor: entry.accessor, detail: entry.detail }, 'presentation refused');
      if (entry && (entry.success || !options.failedVerdicts || (await options.failedVerdicts.first(entry)))) await options.accessLog!.append(entry);
      return reply.type('application/json; charset=utf-8').send(outcome.json);
    });
  });
};
