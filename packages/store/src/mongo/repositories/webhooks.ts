import { randomUUID } from 'node:crypto';
import type { Filter } from 'mongodb';
import type { Address } from 'viem';
import type {
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
  WebhookEvent,
  WebhookSubscriptionRecord,
  WebhooksRepository,
} from '../../storage/holderTypes.js';
import type { Json } from '../../storage/types.js';
import { DEFAULT_DELIVERIES_PER_EVENT } from '../../storage/repositories/webhooks.js';
import { compareAndSet } from '../compareAndSet.js';
import { collection, deleteMatching, insertNext, lower, remember, type Doc, type MongoHandle } from '../mongoHandle.js';

const fromSubscription = (d: Doc): WebhookSubscriptionRecord => ({
  id: d._id as number,
  owner: d.owner as Address,
  url: d.url as string,
  events: d.events as WebhookEvent[],
  createdAt: d.createdAt as Date,
});

const fromDelivery = (d: Doc, url: string): WebhookDeliveryRecord => ({
  id: d._id as number,
  deliveryId: d.deliveryId as string,
  subscriptionId: d.subscriptionId as number,
  url,
  event: d.event as WebhookEvent,
  payload: JSON.parse(d.payload as string) as Json,
  status: d.status as WebhookDeliveryStatus,
  attempts: d.attempts as number,
  nextAttemptAt: d.nextAttemptAt as Date,
  lastError: d.lastError as string | null,
  createdAt: d.createdAt as Date,
  deliveredAt: d.deliveredAt as Date | null,
});

/** Verifiers' webhook subscriptions, and the outbox of deliveries the indexer queues for them. */
export function mongoWebhooksRepository(h: MongoHandle): WebhooksRepository {
  const subscriptions = () => collection(h, 'webhook_subscriptions');
  const deliveries = () => collection(h, 'webhook_deliveries');
  const withUrls = async (docs: Doc[]) => {
    const ids = [...new Set(docs.map((d) => d.subscriptionId as number))];
    const urls = new Map(
      (
        await subscriptions()
          .find({ _id: { $in: ids } } as Filter<Doc>)
          .toArray()
      ).map((s) => [s._id, s.url as string]),
    );
    // A delivery outlives nothing: unsubscribing deletes the subscription's deliveries with it.
    return docs
      .filter((d) => urls.has(d.subscriptionId as number))
      .map((d) => fromDelivery(d, urls.get(d.subscriptionId as number)!));
  };
  const pending = (id: number) => ({ _id: id, status: 'pending' }) as Filter<Doc>;
  return {
    async subscribe(owner, url, events) {
      const existing = () => subscriptions().findOne({ owner: lower(owner), url });
      const { doc, created } = await insertNext(
        h,
        'webhook_subscriptions',
        (id) => ({ _id: id, owner: lower(owner), url, events, createdAt: new Date() }),
        existing,
      );
      if (created) return fromSubscription(doc);
      await remember(h, 'webhook_subscriptions', [doc._id]);
      await subscriptions().updateOne({ _id: doc._id } as Filter<Doc>, { $set: { events } });
      return fromSubscription({ ...doc, events });
    },
    async listByOwner(owner) {
      return (
        await subscriptions()
          .find({ owner: lower(owner) })
          .sort({ _id: 1 })
          .toArray()
      ).map(fromSubscription);
    },
    async unsubscribe(owner, id) {
      await remember(h, 'webhook_subscriptions', [id]);
      const removed =
        (await subscriptions().deleteOne({ _id: id, owner: lower(owner) } as Filter<Doc>)).deletedCount === 1;
      // The SQL schema cascades; here the subscription's deliveries go by hand.
      if (removed) await deleteMatching(h, 'webhook_deliveries', { subscriptionId: id });
      return removed;
    },
    async enqueue({ owners, event, payload, at, maxDeliveries = DEFAULT_DELIVERIES_PER_EVENT }) {
      if (owners.length === 0) return 0;
      const wanting = await subscriptions()
        .find({ owner: { $in: [...new Set(owners.map(lower))] }, events: event })
        .sort({ _id: 1 })
        .toArray();
      // One delivery per URL (its oldest subscription), the oldest subscriptions first, at most `maxDeliveries` (issue 23 §4).
      const byUrl = new Map<string, Doc>();
      for (const s of wanting) if (!byUrl.has(s.url as string)) byUrl.set(s.url as string, s);
      const chosen = [...byUrl.values()].sort((a, b) => (a._id as number) - (b._id as number)).slice(0, maxDeliveries);
      let queued = 0;
      for (const s of chosen) {
        // Once per chain event: a replay finds the key taken. Without an event, every call queues.
        const eventKey = at
          ? `${s._id} ${event} ${lower(at.transactionHash)} ${at.logIndex}`
          : `no-event ${randomUUID()}`;
        const now = new Date();
        const { created } = await insertNext(
          h,
          'webhook_deliveries',
          (id) => ({
            _id: id,
            eventKey,
            deliveryId: randomUUID(),
            subscriptionId: s._id,
            event,
            payload: JSON.stringify(payload),
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            lastError: null,
            createdAt: now,
            deliveredAt: null,
            blockNumber: at?.blockNumber ?? null,
            txHash: at ? lower(at.transactionHash) : null,
            logIndex: at?.logIndex ?? null,
            rev: 0,
          }),
          () => deliveries().findOne({ eventKey }),
        );
        if (created) queued++;
      }
      return queued;
    },
    async claimDue({ limit, leaseMs }) {
      const now = new Date();
      const due = await deliveries()
        .find({ status: 'pending', nextAttemptAt: { $lte: now } })
        .sort({ nextAttemptAt: 1, _id: 1 })
        .limit(limit)
        .toArray();
      const claimed: Doc[] = [];
      // Each claim is a compare-and-set: of two workers, one moves the delivery's next attempt past now, the other finds it not due.
      for (const d of due) {
        const won = await compareAndSet(
          h,
          'webhook_deliveries',
          { _id: d._id, status: 'pending', nextAttemptAt: { $lte: now } } as Filter<Doc>,
          () => ({
            nextAttemptAt: new Date(Date.now() + leaseMs),
          }),
        );
        if (won) claimed.push(won);
      }
      return (await withUrls(claimed)).sort((a, b) => a.id - b.id);
    },
    async markDelivered(id) {
      await compareAndSet(h, 'webhook_deliveries', pending(id), (d) => ({
        status: 'delivered',
        deliveredAt: new Date(),
        attempts: (d.attempts as number) + 1,
        lastError: null,
      }));
    },
    async markAttemptFailed(id, error, retryInMs) {
      await compareAndSet(h, 'webhook_deliveries', pending(id), (d) => ({
        attempts: (d.attempts as number) + 1,
        lastError: error.slice(0, 500),
        ...(retryInMs === null ? { status: 'failed' } : { nextAttemptAt: new Date(Date.now() + retryInMs) }),
      }));
    },
    async getDelivery(deliveryId) {
      const d = await deliveries().findOne({ deliveryId });
      return d ? ((await withUrls([d]))[0] ?? null) : null;
    },
    async listDeliveries(subscriptionId) {
      return withUrls(await deliveries().find({ subscriptionId }).sort({ _id: 1 }).toArray());
    },
  };
}
