import { bigserial, boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Accesses the service saw itself (OIDC, shares, verdicts), not the chain: migration 0009. */
export const serviceAccessLog = pgTable(
  'service_access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    holder: text('holder').notNull(),
    accessor: text('accessor').notNull(),
    accessorName: text('accessor_name'),
    channel: text('channel').notNull(),
    uids: jsonb('uids').notNull(),
    attributes: jsonb('attributes').notNull(),
    success: boolean('success').notNull(),
    detail: text('detail'),
    releaseId: text('release_id'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('service_access_log_holder_idx').on(t.holder, t.id)],
);

/** What a holder released to each OpenID Connect relying party, revocable by the holder: migration 0009. */
export const oidcReleases = pgTable(
  'oidc_releases',
  {
    id: text('id').primaryKey(),
    holder: text('holder').notNull(),
    clientId: text('client_id').notNull(),
    clientName: text('client_name').notNull(),
    verifier: text('verifier'),
    claims: jsonb('claims').notNull(),
    uids: jsonb('uids').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('oidc_releases_holder_idx').on(t.holder, t.createdAt)],
);

export const serviceAccessSchema = { serviceAccessLog, oidcReleases };
