import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Storage } from '@identree/store';
import { callerIdentity } from '../consent/callerIdentity.js';
import { notFound } from '../errors.js';
import { Address, Bytes32, errorReplies } from './schemas.js';

const Release = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  clientName: Type.String(),
  verifier: Type.Union([Address, Type.Null()], { description: 'The site\'s registered address; its release is also an on-chain grant per credential' }),
  claims: Type.Array(Type.String(), { description: 'The names of the released claims' }),
  uids: Type.Array(Bytes32),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  live: Type.Boolean(),
});
const ReleaseId = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$', description: 'A release id' }) }, { additionalProperties: false });

/**
 * The holder's Sign in with Identree releases: what each site was let read, and the revoke button.
 * A release is kept by this service (a site without a chain key has no on-chain grant to hold);
 * revoking it answers the site's next userinfo call with 401 invalid_token. A site with a registered
 * address also holds on-chain grants, which the holder revokes on chain (`POST /grants/revoke`).
 */
export const oidcReleaseRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  const view = (r: Awaited<ReturnType<Storage['oidcReleases']['listByHolder']>>[number], now: Date) => ({
    id: r.id, clientId: r.clientId, clientName: r.clientName, verifier: r.verifier, claims: Object.keys(r.claims as object).sort(), uids: r.uids,
    createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null, live: !r.revokedAt && r.expiresAt > now,
  });

  app.get('/me/oidc-releases', {
    preHandler: app.requireAuth(),
    schema: { tags: ['oidc'], security: [{ bearer: [] }], response: { 200: Type.Object({ holder: Address, releases: Type.Array(Release) }), ...errorReplies } },
  }, async (request, reply) => {
    const holder = await callerIdentity(app, request);
    const now = new Date();
    reply.header('cache-control', 'no-store');
    return { holder, releases: (await storage.oidcReleases.listByHolder(holder)).map((r) => view(r, now)) };
  });

  app.post('/me/oidc-releases/:id/revoke', {
    preHandler: app.requireAuth(),
    schema: { tags: ['oidc'], security: [{ bearer: [] }], params: ReleaseId, response: { 200: Release, ...errorReplies } },
  }, async (request) => {
    const holder = await callerIdentity(app, request);
    const { id } = request.params as { id: string };
    const release = await storage.oidcReleases.get(id);
    // Another holder's release is answered as unknown: one holder learns nothing of another's.
    if (!release || release.holder.toLowerCase() !== holder.toLowerCase()) throw notFound(`release ${id}`);
    if (!release.revokedAt) await storage.oidcReleases.revoke(holder, id);
    return view((await storage.oidcReleases.get(id))!, new Date());
  });
};
