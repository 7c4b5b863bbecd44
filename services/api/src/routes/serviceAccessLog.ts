import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress } from 'viem';
import type { Storage } from '@identree/store';
import { callerIdentity } from '../consent/callerIdentity.js';
import { Address, Bytes32, errorReplies } from './schemas.js';

const Entry = Type.Object({
  id: Type.Integer(),
  recordedBy: Type.Literal('service', { description: 'Kept by this service, not on chain: it has no transaction to check it against' }),
  channel: Type.Union([Type.Literal('oidc_token'), Type.Literal('oidc_userinfo'), Type.Literal('share_read'), Type.Literal('presentation_verify')]),
  accessor: Type.String({ description: 'A verifier\'s address, oidc:<client_id>, or audience:<what the verifier named itself>' }),
  accessorName: Type.Union([Type.String(), Type.Null()]),
  uids: Type.Array(Bytes32),
  attributes: Type.Array(Type.String(), { description: 'Attribute or claim names (never values), or a grant\'s bytes26 attribute digest' }),
  success: Type.Boolean(),
  detail: Type.Union([Type.String(), Type.Null()], { description: 'Why it was refused' }),
  releaseId: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
});

/**
 * The accesses this service saw itself, newest first: a relying party redeeming a Sign in with
 * Identree code or calling userinfo, a verifier reading a share, a presentation verified in the
 * holder's name. They sit beside the on-chain log (`GET /me/access-log`) and are labelled as the
 * service's record: the parties behind them hold no chain key the service could log with truthfully.
 * Only ever the signed-in holder's own.
 */
export const serviceAccessLogRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  app.get('/me/service-access-log', {
    preHandler: app.requireAuth(),
    schema: {
      tags: ['consent'],
      security: [{ bearer: [] }],
      querystring: Type.Object(
        { beforeId: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })), limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })) },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ holder: Address, entries: Type.Array(Entry) }), ...errorReplies },
    },
  }, async (request, reply) => {
    const holder = await callerIdentity(app, request);
    const q = request.query as { beforeId?: string; limit?: string };
    const entries = await storage.serviceAccessLog.listByHolder(holder, { beforeId: q.beforeId ? Number(q.beforeId) : undefined, limit: Math.max(1, Math.min(Number(q.limit ?? 100), 500)) });
    reply.header('cache-control', 'no-store');
    return {
      holder,
      entries: entries.map((e) => ({
        id: e.id, recordedBy: 'service' as const, channel: e.channel, accessor: /^0x[0-9a-fA-F]{40}$/.test(e.accessor) ? getAddress(e.accessor) : e.accessor, accessorName: e.accessorName,
        uids: e.uids, attributes: e.attributes, success: e.success, detail: e.detail, releaseId: e.releaseId, at: e.at.toISOString(),
      })),
    };
  });
};
