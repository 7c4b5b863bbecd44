import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Bytes each account stored in the blob store, one row per (account, CID): migration 0006. */
export const blobUsage = pgTable(
  'blob_usage',
  {
    owner: text('owner').notNull(),
    cid: text('cid').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.cid] })],
);

export const blobUsageSchema = { blobUsage };
