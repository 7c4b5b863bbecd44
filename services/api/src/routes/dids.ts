import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Resolver } from 'did-resolver';
import { getIdentreeResolver, IDENTREE_CREDENTIAL_CONTEXT, IDENTREE_CREDENTIAL_CONTEXT_PATH, IDENTREE_DID_CONTEXT, IDENTREE_DID_CONTEXT_PATH } from '@identree/sdk';
import type { StorageRepositories } from '@identree/store';
import { ServiceError, dependencyFailure } from '../errors.js';
import { indexedKeyHistory, indexedStatusHistory } from '../dids/indexedKeyHistory.js';
import { errorReplies } from './schemas.js';

export type DidRoutesOptions = { storage: Pick<StorageRepositories, 'audit'>; publicUrl: string };

export const didRoutes: FastifyPluginAsync<DidRoutesOptions> = async (app, { storage, publicUrl }) => {
  const network = {
    chainId: app.chain.chainId,
    client: app.chain.reader as never,
    registry: app.chain.registry,
    holderRegistry: app.chain.holderRegistry,
    keyHistory: indexedKeyHistory(storage, app.chain.reader as never),
    statusHistory: indexedStatusHistory(storage, app.chain.reader as never),
  };
  const contextUrl = new URL(IDENTREE_DID_CONTEXT_PATH, publicUrl).href;
  const resolver = new Resolver(getIdentreeResolver({ networks: [network], contextUrl }));

  // The JSON-LD context every DID document names for its `identree` properties.
  app.get(IDENTREE_DID_CONTEXT_PATH, {
    schema: { tags: ['dids'], response: { 200: Type.Object({}, { additionalProperties: true }) } },
  }, async (_request, reply) => {
    reply.header('content-type', 'application/ld+json');
    reply.header('cache-control', 'public, max-age=86400');
    return IDENTREE_DID_CONTEXT;
  });

  // The credential vocabulary, for the forms that name it by URL instead of inline (the EIP-712 form).
  app.get(IDENTREE_CREDENTIAL_CONTEXT_PATH, {
    schema: { tags: ['dids'], response: { 200: Type.Object({}, { additionalProperties: true }) } },
  }, async (_request, reply) => {
    reply.header('content-type', 'application/ld+json');
    reply.header('cache-control', 'public, max-age=86400');
    return IDENTREE_CREDENTIAL_CONTEXT;
  });

  app.get('/dids/:did', {
    schema: {
      tags: ['dids'],
      params: Type.Object({ did: Type.String({ minLength: 1, maxLength: 200 }) }),
      querystring: Type.Object({ versionTime: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({}, { additionalProperties: true }), ...errorReplies },
    },
  }, async (request) => {
    const { did } = request.params as { did: string };
    const { versionTime } = request.query as { versionTime?: string };
    if (did.includes('?') || did.includes('#')) throw new ServiceError('invalid_did', `params.did: "${did}" must be a DID without query or fragment (ask for a version with ?versionTime=)`);
    const result = await resolver.resolve(versionTime === undefined ? did : `${did}?versionTime=${encodeURIComponent(versionTime)}`);
    const error = result.didResolutionMetadata.error;
    const message = result.didResolutionMetadata.message;
    if (error === 'invalidDid') throw new ServiceError('invalid_did', `params.did: ${message ?? `${did} is not a valid DID`}`);
    if (error === 'invalidDidUrl') throw new ServiceError('invalid_did', `querystring.versionTime: ${message ?? 'not an ISO 8601 date-time'}`);
    if (error === 'notFound' || error === 'unsupportedDidMethod') throw new ServiceError('not_found', message ?? `${did} not found`);
    if (error) {
      // The resolver reports every other failure as one error string, a node that does not answer
      // included; asking the node once tells an outage (503, retry later) from a wrong answer (502).
      const outage = await app.chain.reader.getBlockNumber().then(() => undefined, (e: unknown) => dependencyFailure(e));
      throw outage?.statusCode === 503 ? outage : new ServiceError('upstream_error', 'the chain did not answer as expected');
    }
    return result;
  });
};
