import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ServiceError, notFound } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@identree/store';
import type { Storage } from '@identree/store';
import { errorReplies } from './schemas.js';
import { checkWebhookUrl, type WebhookTargetPolicy } from '@identree/webhooks';

const Subscription = Type.Object({ id: Type.Integer(), url: Type.String(), events: Type.Array(Type.String()), createdAt: Type.String() });
const SubscribeBody = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2048, pattern: '^https?://[^\\s]+$' }),
    events: Type.Array(Type.Union(WEBHOOK_EVENTS.map((e) => Type.Literal(e))), { minItems: 1, maxItems: WEBHOOK_EVENTS.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);

/**
 * Verifier webhooks: a verifier subscribes a URL to `grant.revoked`, `credential.revoked` and
 * `credential.reissued` for the grants made to it. Deliveries are signed with the service's key
 * (detached JWS in `Identree-Signature`; keys at `/.well-known/jwks.json`).
 */
export type WebhookRoutesOptions = {
  storage: Storage;
  targets: WebhookTargetPolicy;
  /** Subscriptions one identity may hold at once (WEBHOOKS_PER_SUBSCRIBER); 0: no limit. */
  maxPerSubscriber?: number;
};

export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, { storage, targets, maxPerSubscriber = 0 }) => {
  const view = (s: { id: number; url: string; events: WebhookEvent[]; createdAt: Date }) => ({ id: s.id, url: s.url, events: s.events, createdAt: s.createdAt.toISOString() });

  app.post('/webhooks', {
    preHandler: app.requireAuth(),
    schema: { tags: ['webhooks'], security: [{ bearer: [] }], body: SubscribeBody, response: { 201: Subscription, ...errorReplies } },
  }, async (request, reply) => {
    const { url, events } = request.body as { url: string; events: WebhookEvent[] };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ServiceError('invalid_request', 'body.url is not a URL');
    }
    if (parsed.username || parsed.password) throw new ServiceError('invalid_request', 'body.url must not carry credentials');
    try {
      checkWebhookUrl(parsed, targets);
    } catch (error) {
      throw new ServiceError('invalid_request', `body.url: ${(error as Error).message}`);
    }
    const owner = await callerIdentity(app, request);
    // Each subscription is a delivery per event: a cap per subscriber bounds what one event sends.
    const held = maxPerSubscriber > 0 ? (await storage.webhooks.listByOwner(owner)).length : 0;
    if (maxPerSubscriber > 0 && held >= maxPerSubscriber) {
      throw new ServiceError('webhook_quota_exceeded', `${owner} holds ${held} webhook subscriptions, the most one subscriber may; delete one first`);
    }
    return reply.status(201).send(view(await storage.webhooks.subscribe(owner, parsed.toString(), events)));
  });

  app.get('/webhooks', {
    preHandler: app.requireAuth(),
    schema: { tags: ['webhooks'], security: [{ bearer: [] }], response: { 200: Type.Object({ subscriptions: Type.Array(Subscription) }), ...errorReplies } },
  }, async (request) => ({ subscriptions: (await storage.webhooks.listByOwner(await callerIdentity(app, request))).map(view) }));

  app.delete('/webhooks/:id', {
    preHandler: app.requireAuth(),
    schema: { tags: ['webhooks'], security: [{ bearer: [] }], params: Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) }), response: { 204: Type.Null(), ...errorReplies } },
  }, async (request, reply) => {
    // Someone else's subscription is indistinguishable from a missing one.
    if (!(await storage.webhooks.unsubscribe(await callerIdentity(app, request), Number((request.params as { id: string }).id)))) throw notFound('webhook subscription');
    return reply.status(204).send();
  });
};
