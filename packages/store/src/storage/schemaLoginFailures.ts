import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per failed login of a subject (a face login's identity): migration 0011. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subject: text('subject').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('login_failures_subject_idx').on(t.subject, t.at)],
);
