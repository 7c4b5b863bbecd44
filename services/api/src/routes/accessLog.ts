import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress } from 'viem';
import { callerIdentity } from '../consent/callerIdentity.js';
import type { Storage } from '@identree/store';
import { Address, Bytes32, errorReplies } from './schemas.js';

const Row = Type.Object({
  id: Type.Integer(),
  verifier: Address,
  uid: Bytes32,
  attributes: Type.String({ description: '26 bytes, hex; zero for the whole credential' }),
  success: Type.Boolean(),
  granted: Type.Union([Type.Boolean(), Type.Null()], { description: 'Whether the verifier held a live grant for the credential when it logged this access; null for entries logged before this was recorded' }),
  blockTime: Type.Union([Type.Integer(), Type.Null()]),
  proof: Type.Object({ transactionHash: Bytes32, logIndex: Type.Integer(), blockNumber: Type.String(), blockHash: Bytes32 }),
});

/**
 * The holder's access timeline, newest first: who accessed which attributes of which credential,
 * when, and whether it succeeded. Served from the indexed `AccessLogged` events, and only ever the
 * signed-in holder's own. The contract lets any account log an access, naming itself truthfully, so
 * entries need no grant to be listed (an access without consent is what a holder most needs to
 * see); each says whether a live grant covered it, and `?granted=true` lists only those.
 */
export const accessLogRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  app.get('/me/access-log', {
    preHandler: app.requireAuth(),
    schema: {
      tags: ['consent'],
      security: [{ bearer: [] }],
      querystring: Type.Object(
        {
          beforeId: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
          limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
          granted: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'Only the entries a live grant covered (true), or only those it did not (false)' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ holder: Address, entries: Type.Array(Row) }), ...errorReplies },
    },
  }, async (request) => {
    const holder = await callerIdentity(app, request);
    const q = request.query as { beforeId?: string; limit?: string; granted?: 'true' | 'false' };
    const entries = await storage.accessLog.listByHolder(holder, {
      beforeId: q.beforeId ? Number(q.beforeId) : undefined, limit: Math.max(1, Math.min(Number(q.limit ?? 100), 500)), granted: q.granted === undefined ? undefined : q.granted === 'true',
    });
    return {
      holder,
      entries: entries.map((e) => ({
        id: e.id, verifier: getAddress(e.verifier), uid: e.uid, attributes: e.attributes, success: e.success, granted: e.granted ?? null, blockTime: e.blockTime,
        proof: { transactionHash: e.event.transactionHash, logIndex: e.event.logIndex, blockNumber: e.event.blockNumber.toString(), blockHash: e.event.blockHash },
      })),
    };
  });
};
