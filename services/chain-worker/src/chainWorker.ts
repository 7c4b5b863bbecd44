import type { Address } from 'viem';
import type { ChainPort } from '@identree/chain';
import { startNoncePruning, type SigningKey, type Storage } from '@identree/store';
import type { WebhookTargetPolicy } from '@identree/webhooks';
import { Indexer } from './indexer/indexer.js';
import { Relayer } from './outbox/relayer.js';
import { WebhookDispatcher, type WebhookDispatcherOptions } from './webhooks/dispatcher.js';

type Logger = { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };

export type ChainWorkerParameters = {
  storage: Storage;
  chain: ChainPort;
  /** Confirmations the indexer waits for. */
  confirmations: number;
  /** Signs webhook bodies; its public half is published by the API beside the token key. */
  webhookKey: SigningKey;
  webhookTargets: WebhookTargetPolicy;
  /** Webhook delivery timing (tests shorten the backoff). */
  webhooks?: WebhookDispatcherOptions;
  log?: Logger;
  /** A caller-signed write not mined within this many ms is marked failed (WRITE_EXPIRY_SECONDS). @default 15 minutes */
  writeExpiryMs?: number;
  /** Webhook deliveries one event makes at most (WEBHOOK_DELIVERIES_PER_EVENT). @default 20 */
  webhookDeliveriesPerEvent?: number;
  /** The face template registry the sponsor relays holders' face template messages to (issue 21); none, none relayed. */
  faceTemplateRegistry?: Address;
  /** The document enrollment registry the sponsor relays enrollees' signed enrollments to (issue 20); none, none relayed. */
  enrollmentRegistry?: Address;
};

/**
 * Everything that follows or writes the chain, as plain objects over the storage and chain ports:
 * the indexer, the outbox relayer, the webhook dispatcher and nonce pruning. The gRPC server and
 * the in-process transport are thin shells around this (grpc/chainWorkerRoutes.ts).
 */
export function createChainWorker({ storage, chain, confirmations, webhookKey, webhookTargets, webhooks, log = console, writeExpiryMs, webhookDeliveriesPerEvent, faceTemplateRegistry, enrollmentRegistry }: ChainWorkerParameters) {
  const indexer = new Indexer(storage, chain, { confirmations, webhookDeliveriesPerEvent }, log);
  const relayer = new Relayer(storage, chain, log, undefined, writeExpiryMs, faceTemplateRegistry, enrollmentRegistry);
  const dispatcher = new WebhookDispatcher(storage, webhookKey, log, { targets: webhookTargets, ...webhooks });
  let stopPruning: (() => Promise<void>) | undefined;
  return {
    storage,
    chain,
    faceTemplateRegistry,
    enrollmentRegistry,
    indexer,
    relayer,
    dispatcher,
    /** Reconciles the outbox with the chain first, so nothing is sent on top of a chain that lost writes. */
    async start() {
      await relayer.reconcile();
      indexer.start();
      relayer.start();
      dispatcher.start();
      stopPruning = startNoncePruning(storage, log);
    },
    async stop() {
      await relayer.stop();
      await indexer.stop();
      await dispatcher.stop();
      await stopPruning?.();
    },
    /** Each part the worker depends on, "ok" or why not; never throws, never waits long. */
    async health(): Promise<Record<string, string>> {
      const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2_000).unref())]);
      const state = (p: Promise<unknown>) => within(p).then(() => 'ok', (error: Error) => `down: ${error.message.split('\n')[0]}`);
      const [database, node] = await Promise.all([state(storage.cursor.get('registry')), state(chain.reader.getBlockNumber({ cacheTime: 0 }))]);
      return { database, chain: node };
    },
  };
}

export type ChainWorker = ReturnType<typeof createChainWorker>;
