import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * The holder registry's tables (issue 5): consent, key bindings, guardian recovery, encrypted shares
 * and webhooks. Part of the one schema (`schema.ts` spreads them in); created by `0002_holders.sql`.
 */

/** Access grants, projected from `AccessGranted` / `AccessRevoked`; one row per (holder identity, verifier, credential). */
export const accessGrants = pgTable(
  'access_grants',
  {
    holder: text('holder').notNull(),
    verifier: text('verifier').notNull(),
    uid: text('uid').notNull(),
    /** uint40 seconds: access is live strictly before it. */
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    revoked: boolean('revoked').notNull().default(false),
    /** bytes26 hex: zero for the whole credential, else the digest of the granted attribute names. */
    attributes: text('attributes').notNull(),
    updatedBlock: bigint('updated_block', { mode: 'bigint' }).notNull(),
    updatedTxHash: text('updated_tx_hash').notNull(),
    updatedLogIndex: integer('updated_log_index').notNull(),
  },
  (t) => [primaryKey({ columns: [t.holder, t.verifier, t.uid] }), index('access_grants_verifier_idx').on(t.verifier), index('access_grants_uid_idx').on(t.uid)],
);

/** The on-chain access log (`AccessLogged`), one row per event; append-only, removed only by a reorg. */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    holder: text('holder').notNull(),
    verifier: text('verifier').notNull(),
    uid: text('uid').notNull(),
    attributes: text('attributes').notNull(),
    success: boolean('success').notNull(),
    blockNumber: bigint('block_number', { mode: 'bigint' }).notNull(),
    blockHash: text('block_hash').notNull(),
    /** Unix seconds of the block, when the node reports it with the log. */
    blockTime: bigint('block_time', { mode: 'number' }),
    txHash: text('tx_hash').notNull(),
    logIndex: integer('log_index').notNull(),
    /** Whether the verifier held a live grant for the credential at that event (migration 0007); null: unknown. */
    granted: boolean('granted'),
  },
  (t) => [unique('access_log_event_key').on(t.txHash, t.logIndex), index('access_log_holder_idx').on(t.holder, t.blockNumber, t.logIndex), index('access_log_block_idx').on(t.blockNumber)],
);

/** Which key controls an identity, once control moved (`KeyChanged`); identities never moved have no row. */
export const keyBindings = pgTable(
  'key_bindings',
  {
    identity: text('identity').primaryKey(),
    key: text('key').notNull(),
    /** Rotation, GuardianRecovery or RegistrarRebind. */
    how: text('how').notNull(),
    updatedBlock: bigint('updated_block', { mode: 'bigint' }).notNull(),
    updatedTxHash: text('updated_tx_hash').notNull(),
    updatedLogIndex: integer('updated_log_index').notNull(),
  },
  (t) => [index('key_bindings_key_idx').on(t.key)],
);

/** Current guardians of each identity (`GuardianAdded` / `GuardianRemoved`). */
export const guardians = pgTable(
  'guardians',
  {
    identity: text('identity').notNull(),
    guardian: text('guardian').notNull(),
    updatedBlock: bigint('updated_block', { mode: 'bigint' }).notNull(),
    updatedTxHash: text('updated_tx_hash').notNull(),
    updatedLogIndex: integer('updated_log_index').notNull(),
  },
  (t) => [primaryKey({ columns: [t.identity, t.guardian] })],
);

/** Each identity's threshold and recovery nonce, as the last guardian event left them. */
export const guardianSets = pgTable('guardian_sets', {
  identity: text('identity').primaryKey(),
  threshold: integer('threshold').notNull(),
  nonce: bigint('nonce', { mode: 'number' }).notNull(),
  updatedBlock: bigint('updated_block', { mode: 'bigint' }).notNull(),
  updatedTxHash: text('updated_tx_hash').notNull(),
  updatedLogIndex: integer('updated_log_index').notNull(),
});

/** Recoveries by id: who approved, when they may be finalized, and how they ended. */
export const recoveries = pgTable(
  'recoveries',
  {
    recoveryId: text('recovery_id').primaryKey(),
    identity: text('identity').notNull(),
    newKey: text('new_key').notNull(),
    /** The approving guardians' addresses, in approval order. */
    approvals: jsonb('approvals').notNull().default([]),
    /** Unix seconds; 0 until the threshold is met. */
    readyAt: bigint('ready_at', { mode: 'number' }).notNull(),
    /** pending, completed or cancelled. */
    status: text('status').notNull(),
    updatedBlock: bigint('updated_block', { mode: 'bigint' }).notNull(),
    updatedTxHash: text('updated_tx_hash').notNull(),
    updatedLogIndex: integer('updated_log_index').notNull(),
  },
  (t) => [index('recoveries_identity_idx').on(t.identity)],
);

/**
 * One verifier's wrapped data key for a holder's encrypted share of one credential. Deleted when
 * the grant is revoked: that deletion is the revocation of the share.
 */
export const shareKeys = pgTable(
  'share_keys',
  {
    holder: text('holder').notNull(),
    verifier: text('verifier').notNull(),
    uid: text('uid').notNull(),
    /** The ciphertext's CID in the blob store. */
    cid: text('cid').notNull(),
    /** The envelope with only this verifier's wrapped key in `recipients`. */
    envelope: jsonb('envelope').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.holder, t.verifier, t.uid] })],
);

/** A verifier's webhook: the URL and the events it wants. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    owner: text('owner').notNull(),
    url: text('url').notNull(),
    events: jsonb('events').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('webhook_subscriptions_owner_url_key').on(t.owner, t.url)],
);

/**
 * The webhook outbox: one row per (subscription, event), written by the indexer in the same
 * transaction as the event, delivered at least once with backoff; `delivery_id` lets receivers
 * drop duplicates.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    subscriptionId: bigint('subscription_id', { mode: 'number' }).notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    /** pending, delivered or failed (gave up). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastError: text('last_error'),
    blockNumber: bigint('block_number', { mode: 'bigint' }),
    txHash: text('tx_hash'),
    logIndex: integer('log_index'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    unique('webhook_deliveries_delivery_id_key').on(t.deliveryId),
    unique('webhook_deliveries_event_key').on(t.subscriptionId, t.event, t.txHash, t.logIndex),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_block_idx').on(t.blockNumber),
  ],
);

export const holderSchema = { accessGrants, accessLog, keyBindings, guardians, guardianSets, recoveries, shareKeys, webhookSubscriptions, webhookDeliveries };
