import { and, asc, eq, sql } from 'drizzle-orm';
import type { Address } from 'viem';
import { lower, rows, type Database } from '../database.js';
import { webhookDeliveries, webhookSubscriptions } from '../schemaHolders.js';
import type { WebhookDeliveryRecord, WebhookDeliveryStatus, WebhookEvent, WebhookSubscriptionRecord, WebhooksRepository } from '../holderTypes.js';
import type { Json } from '../types.js';

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
type RawDelivery = {
  id: string | number;
  delivery_id: string;
  subscription_id: string | number;
  url: string;
  event: string;
  payload: Json;
  status: string;
  attempts: number;
  next_attempt_at: Date | string;
  last_error: string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
};

const fromSubscription = (r: SubscriptionRow): WebhookSubscriptionRecord => ({
  id: r.id,
  owner: r.owner as Address,
  url: r.url,
  events: r.events as WebhookEvent[],
  createdAt: r.createdAt,
});

// Raw rows: node-postgres gives int8 as strings, and both drivers may give timestamps as strings.
const fromRaw = (r: RawDelivery): WebhookDeliveryRecord => ({
  id: Number(r.id),
  deliveryId: r.delivery_id,
  subscriptionId: Number(r.subscription_id),
  url: r.url,
  event: r.event as WebhookEvent,
  payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Json,
  status: r.status as WebhookDeliveryStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: new Date(r.next_attempt_at),
  lastError: r.last_error,
  createdAt: new Date(r.created_at),
  deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at),
});

const deliveryColumns = sql`d.id, d.delivery_id, d.subscription_id, s.url, d.event, d.payload, d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at, d.delivered_at`;

/** Verifiers' webhook subscriptions, and the outbox of deliveries the indexer queues for them. */
/** Deliveries one event makes at most, unless the caller says otherwise (WEBHOOK_DELIVERIES_PER_EVENT). */
export const DEFAULT_DELIVERIES_PER_EVENT = 20;

export function webhooksRepository(db: Database): WebhooksRepository {
  return {
    async subscribe(owner, url, events) {
      const [row] = await db
        .insert(webhookSubscriptions)
        .values({ owner: lower(owner), url, events })
        .onConflictDoUpdate({ target: [webhookSubscriptions.owner, webhookSubscriptions.url], set: { events } })
        .returning();
      return fromSubscription(row!);
    },
    async listByOwner(owner) {
      return (await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.owner, lower(owner))).orderBy(asc(webhookSubscriptions.id))).map(fromSubscription);
    },
    async unsubscribe(owner, id) {
      const removed = await db
        .delete(webhookSubscriptions)
        .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.owner, lower(owner))))
        .returning({ id: webhookSubscriptions.id });
      return removed.length > 0;
    },
    async enqueue({ owners, event, payload, at, maxDeliveries = DEFAULT_DELIVERIES_PER_EVENT }) {
      if (owners.length === 0) return 0;
      // One delivery per URL, the oldest subscriptions first, at most `maxDeliveries`: however many
      // subscriptions name one receiver, an event reaches it once (issue 23 §4).
      const queued = await rows<{ id: string }>(
        db,
        sql`INSERT INTO webhook_deliveries (delivery_id, subscription_id, event, payload, block_number, tx_hash, log_index)
            SELECT gen_random_uuid()::text, s.id, ${event}, ${JSON.stringify(payload)}::jsonb,
                   ${at ? at.blockNumber.toString() : null}::bigint, ${at ? lower(at.transactionHash) : null}, ${at ? at.logIndex : null}::integer
            FROM (SELECT DISTINCT ON (url) id, url FROM webhook_subscriptions
                  WHERE owner IN (${sql.join([...new Set(owners.map(lower))].map((o) => sql`${o}`), sql`, `)})
                    AND events @> ${JSON.stringify([event])}::jsonb
                  ORDER BY url, id) s
            ORDER BY s.id
            LIMIT ${maxDeliveries}
            ON CONFLICT (subscription_id, event, tx_hash, log_index) DO NOTHING
            RETURNING id`,
      );
      return queued.length;
    },
    async claimDue({ limit, leaseMs }) {
      const claimed = await rows<RawDelivery>(
        db,
        sql`UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
            FROM webhook_subscriptions s
            WHERE s.id = d.subscription_id AND d.id IN (
              SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
              ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
            RETURNING ${deliveryColumns}`,
      );
      return claimed.map(fromRaw).sort((a, b) => a.id - b.id);
    },
    async markDelivered(id) {
      await db
        .update(webhookDeliveries)
        .set({ status: 'delivered', deliveredAt: sql`now()`, attempts: sql`${webhookDeliveries.attempts} + 1`, lastError: null })
        .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending')));
    },
    async markAttemptFailed(id, error, retryInMs) {
      await db
        .update(webhookDeliveries)
        .set({
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          lastError: error.slice(0, 500),
          ...(retryInMs === null ? { status: 'failed' } : { nextAttemptAt: sql`now() + make_interval(secs => ${retryInMs / 1000})` }),
        })
        .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending')));
    },
    async getDelivery(deliveryId) {
      const [row] = await rows<RawDelivery>(db, sql`SELECT ${deliveryColumns} FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.delivery_id = ${deliveryId}`);
      return row ? fromRaw(row) : null;
    },
    async listDeliveries(subscriptionId) {
      const found = await rows<RawDelivery>(
        db,
        sql`SELECT ${deliveryColumns} FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.subscription_id = ${subscriptionId} ORDER BY d.id`,
      );
      return found.map(fromRaw);
    },
  };
}
