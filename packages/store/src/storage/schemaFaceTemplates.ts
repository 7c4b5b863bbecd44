import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per holder: its face template's envelope (wrapped keys), CID, version and model (migration 0013). */
export const faceTemplateRecords = pgTable('face_template_records', {
  holder: text('holder').primaryKey(),
  cid: text('cid').notNull(),
  templateVersion: integer('template_version').notNull(),
  model: text('model').notNull(),
  envelope: jsonb('envelope').notNull(),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true, mode: 'date' }).notNull(),
});
