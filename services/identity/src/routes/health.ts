import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', {
    schema: {
      tags: ['service'],
      response: { 200: Type.Object({ status: Type.Literal('ok'), chainId: Type.Integer(), registry: Type.String(), blockNumber: Type.String() }) },
    },
  }, async () => ({
    status: 'ok' as const,
    chainId: app.chain.chainId,
    registry: app.chain.registry,
    blockNumber: (await app.chain.reader.getBlockNumber()).toString(),
  }));
};
