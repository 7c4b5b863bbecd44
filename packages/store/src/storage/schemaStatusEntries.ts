import { integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** A credential's position in a status list: migration 0008. */
export const statusEntries = pgTable(
  'status_entries',
  {
    uid: text('uid').primaryKey(),
    issuer: text('issuer').notNull(),
    listId: integer('list_id').notNull(),
    listIndex: integer('list_index').notNull(),
    allocatedAt: timestamp('allocated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('status_entries_position').on(t.listId, t.listIndex)],
);

export const statusEntriesSchema = { statusEntries };
