import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Address, errorReplies } from './schemas.js';

/** Who the bearer of a token is, as the chain sees them now. */
export const meRoutes: FastifyPluginAsync = async (app) => {
  app.get('/me', {
    preHandler: app.requireAuth(),
    schema: {
      tags: ['auth'],
      security: [{ bearer: [] }],
      response: {
        200: Type.Object({ address: Address, role: Type.String(), kind: Type.Union([Type.String(), Type.Null()]), status: Type.Union([Type.String(), Type.Null()]) }),
        ...errorReplies,
      },
    },
  }, async (request) => {
    const user = request.user!;
    const entity = await app.chain.reader.getEntity({ entity: user.address });
    return { address: user.address, role: user.role, kind: entity?.kind ?? null, status: entity?.status ?? null };
  });
};
