import { bigint, bigserial, boolean, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { holderSchema } from './schemaHolders.js';
import { deliverySchema } from './schemaDeliveries.js';
import { blobUsageSchema } from './schemaBlobUsage.js';
import { statusEntriesSchema } from './schemaStatusEntries.js';
import { serviceAccessSchema } from './schemaServiceAccess.js';
import { loginFailures } from './schemaLoginFailures.js';
import { enrollmentSubmissionsSchema } from './schemaEnrollmentSubmissions.js';
import { faceTemplateRecords } from './schemaFaceTemplates.js';

/**
 * The one schema both backends (PGlite and PostgreSQL) run. The tables are created by the
 * numbered SQL files in `./migrations`, written by hand to match this file;
 * `storage.suite.ts` checks, on every backend, that the two agree column by column.
 *
 * Hex values (addresses, hashes, commitments) are stored lowercase so a lookup never depends on
 * checksum casing. Block numbers are `int8`, token ids `numeric(78)` (a uint256 does not fit int8).
 */

/** Registered accounts, projected from `EntityRegistered` and the status events. */
export const entities = pgTable(
  'entities',
  {
    account: text('account').primaryKey(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    registrar: text('registrar').notNull(),
    tokenId: numeric('token_id', { precision: 78, scale: 0, mode: 'bigint' }).notNull(),
    registeredBlock: bigint('registered_block', { mode: 'bigint' }).notNull(),
    txHash: text('tx_hash').notNull(),
    logIndex: integer('log_index').notNull(),
  },
  (t) => [index('entities_registrar_idx').on(t.registrar, t.registeredBlock, t.logIndex)],
);

/** Anchored credentials, projected from `CredentialAnchored`, revocations and (un)links. */
export const credentials = pgTable(
  'credentials',
  {
    uid: text('uid').primaryKey(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    credentialType: integer('credential_type').notNull(),
    commitment: text('commitment').notNull(),
    level: text('level').notNull(),
    /** uint32 seconds, as the registry keeps them (0 = no lower bound). */
    validFrom: bigint('valid_from', { mode: 'number' }).notNull(),
    /** uint32 seconds; `NO_EXPIRY` when unbounded. */
    validUntil: bigint('valid_until', { mode: 'number' }).notNull(),
    revoked: boolean('revoked').notNull().default(false),
    linked: boolean('linked').notNull().default(false),
    anchoredBlock: bigint('anchored_block', { mode: 'bigint' }).notNull(),
    anchoredTxHash: text('anchored_tx_hash').notNull(),
    anchoredLogIndex: integer('anchored_log_index').notNull(),
  },
  (t) => [index('credentials_subject_idx').on(t.subject)],
);

/** Which credentials a holder has linked into their identity tree. */
export const treeLinks = pgTable(
  'tree_links',
  {
    holder: text('holder').notNull(),
    uid: text('uid').notNull(),
    linked: boolean('linked').notNull(),
    updatedBlock: bigint('updated_block', { mode: 'bigint' }).notNull(),
    updatedTxHash: text('updated_tx_hash').notNull(),
    updatedLogIndex: integer('updated_log_index').notNull(),
  },
  (t) => [primaryKey({ columns: [t.holder, t.uid] })],
);

/** Every event and service action touching a subject, for the subject's own history view. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subject: text('subject').notNull(),
    action: text('action').notNull(),
    actor: text('actor'),
    /** Null for actions that happened off chain (a presentation verified, a nonce issued). */
    txHash: text('tx_hash'),
    blockNumber: bigint('block_number', { mode: 'bigint' }),
    blockHash: text('block_hash'),
    logIndex: integer('log_index'),
    payload: jsonb('payload').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('audit_log_event_key').on(t.txHash, t.logIndex), index('audit_log_subject_idx').on(t.subject, t.id), index('audit_log_block_idx').on(t.blockNumber)],
);

/** How far each indexer has read, and the hash it read there (to notice a reorg on restart). */
export const indexerCursor = pgTable('indexer_cursor', {
  name: text('name').primaryKey(),
  blockNumber: bigint('block_number', { mode: 'bigint' }).notNull(),
  blockHash: text('block_hash'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Hashes of the recent blocks the indexer read: a different hash at a number means a reorg. */
export const blocks = pgTable('blocks', {
  number: bigint('number', { mode: 'bigint' }).primaryKey(),
  hash: text('hash').notNull(),
});

/**
 * The undo log that makes a reorg rollback exact: before a projection row changes, its previous
 * value (or null when it did not exist) is kept with the block of the change. Rolling back to
 * block n restores, for each row touched at or after n, the value it had before its first such
 * change. Keyed by the event, so replaying an event does not overwrite the true previous value.
 */
export const projectionUndo = pgTable(
  'projection_undo',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    blockNumber: bigint('block_number', { mode: 'bigint' }).notNull(),
    txHash: text('tx_hash').notNull(),
    logIndex: integer('log_index').notNull(),
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
    previous: jsonb('previous'),
  },
  (t) => [unique('projection_undo_event_key').on(t.tableName, t.rowKey, t.txHash, t.logIndex), index('projection_undo_block_idx').on(t.blockNumber)],
);

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'confirmed', 'failed']);

/** Sponsored transactions, recorded before they are sent, so a retried request sends nothing twice. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Unique per owner (migration 0004): one caller's keys say nothing about another's. */
    idempotencyKey: text('idempotency_key').notNull(),
    owner: text('owner').notNull(),
    /** Hash of the request body: the same key with another body is a client error, not a replay. */
    requestHash: text('request_hash').notNull(),
    status: outboxStatus('status').notNull().default('pending'),
    txRequest: jsonb('tx_request').notNull(),
    txHash: text('tx_hash'),
    nonce: bigint('nonce', { mode: 'number' }),
    response: jsonb('response'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('outbox_status_idx').on(t.status, t.id), unique('outbox_owner_idempotency_key_key').on(t.owner, t.idempotencyKey)],
);

/** Single-use challenges (SIWE sign-in, presentation requests), bound to the audience they were issued for. */
export const nonces = pgTable(
  'nonces',
  {
    key: text('key').primaryKey(),
    audience: text('audience').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** What the winner of the nonce gets back (migration 0011): a face login's liveness challenge. */
    payload: jsonb('payload'),
  },
  (t) => [index('nonces_expires_at_idx').on(t.expiresAt)],
);

export const schema = { entities, credentials, treeLinks, auditLog, indexerCursor, blocks, projectionUndo, outboxStatus, outbox, nonces, ...holderSchema, ...deliverySchema, ...blobUsageSchema, ...statusEntriesSchema, ...serviceAccessSchema, loginFailures, ...enrollmentSubmissionsSchema, faceTemplateRecords };
export type Schema = typeof schema;

