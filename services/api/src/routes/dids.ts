import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Resolver } from 'did-resolver';
import { getIdentreeResolver } from '@identree/sdk';
import { ServiceError, dependencyFailure } from '../errors.js';
import { errorReplies } from './schemas.js';

export const didRoutes: FastifyPluginAsync = async (app) => {
  const resolver = new Resolver(
    getIdentreeResolver({ networks: [{ chainId: app.chain.chainId, client: app.chain.reader as never, registry: app.chain.registry }] }),
  );
  app.get('/dids/:did', {
    schema: {
      tags: ['dids'],
      params: Type.Object({ did: Type.String({ minLength: 1, maxLength: 200 }) }),
      response: { 200: Type.Object({}, { additionalProperties: true }), ...errorReplies },
    },
  }, async (request) => {
    const { did } = request.params as { did: string };
    const result = await resolver.resolve(did);
    const error = result.didResolutionMetadata.error;
    if (error === 'invalidDid') throw new ServiceError('invalid_did', result.didResolutionMetadata.message ?? `${did} is not a valid DID`);
    if (error === 'notFound' || error === 'unsupportedDidMethod') throw new ServiceError('not_found', `${did} not found`);
    if (error) {
      // The resolver reports every other failure as one error string, a node that does not answer
      // included; asking the node once tells an outage (503, retry later) from a wrong answer (502).
      const outage = await app.chain.reader.getBlockNumber().then(() => undefined, (e: unknown) => dependencyFailure(e));
      throw outage?.statusCode === 503 ? outage : new ServiceError('upstream_error', 'the chain did not answer as expected');
    }
    return result;
  });
};
