import { customType, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { FieldConfirmation } from '@identree/sdk';
import type { CorrectionOpening } from './enrollmentSubmissionTypes.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A submitted document's commitment and its verifiers' answers, one row each: migration 0012. */
export const enrollmentSubmissions = pgTable('enrollment_submissions', {
  enrollment: text('enrollment').primaryKey(),
  enrollee: text('enrollee').notNull(),
  templateId: text('template_id').notNull(),
  imageHash: text('image_hash').notNull(),
  fieldsRoot: text('fields_root').notNull(),
  pending: jsonb('pending').$type<FieldConfirmation[]>().notNull(),
  batches: jsonb('batches').$type<FieldConfirmation[][]>().notNull(),
  corrections: jsonb('corrections').$type<CorrectionOpening[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Its fields, in template order: the crop (PNG bytes) and the text the verifiers are shown. */
export const enrollmentFields = pgTable(
  'enrollment_fields',
  {
    enrollment: text('enrollment').notNull().references(() => enrollmentSubmissions.enrollment, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    crop: bytea('crop').notNull(),
    text: text('text').notNull(),
    fieldHash: text('field_hash').notNull(),
    textHash: text('text_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enrollment, t.position] })],
);

export const enrollmentSubmissionsSchema = { enrollmentSubmissions, enrollmentFields };
