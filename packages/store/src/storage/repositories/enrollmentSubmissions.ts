import { asc, eq } from 'drizzle-orm';
import type { Hash } from 'viem';
import { lower, type Database } from '../database.js';
import { changedSubmission, plainBytes, SubmissionNotFoundError } from '../enrollmentSubmissionRecord.js';
import type { EnrollmentSubmissionRecord, EnrollmentSubmissionsRepository } from '../enrollmentSubmissionTypes.js';
import { enrollmentFields, enrollmentSubmissions } from '../schemaEnrollmentSubmissions.js';

type SubmissionRow = typeof enrollmentSubmissions.$inferSelect;
type FieldRow = typeof enrollmentFields.$inferSelect;

const fromRows = (s: SubmissionRow, fields: FieldRow[]): EnrollmentSubmissionRecord => ({
  enrollee: s.enrollee as EnrollmentSubmissionRecord['enrollee'],
  templateId: s.templateId,
  imageHash: s.imageHash as Hash,
  fieldsRoot: s.fieldsRoot as Hash,
  enrollment: s.enrollment as Hash,
  fields: fields.map((f) => ({ name: f.name, crop: plainBytes(f.crop), text: f.text, fieldHash: f.fieldHash as Hash, textHash: f.textHash as Hash })),
  pending: s.pending,
  batches: s.batches,
  corrections: s.corrections,
});

/**
 * Submissions on PGlite or PostgreSQL. `put` writes the row and its fields in one transaction; `update`
 * locks the row (SELECT … FOR UPDATE) before it reads the answers, so a second confirmation waits for
 * the first and adds to what it wrote instead of overwriting it.
 */
export function enrollmentSubmissionsRepository(db: Database): EnrollmentSubmissionsRepository {
  const read = async (tx: Pick<Database, 'select'>, id: Hash, forUpdate: boolean) => {
    const query = tx.select().from(enrollmentSubmissions).where(eq(enrollmentSubmissions.enrollment, lower(id)));
    const [row] = forUpdate ? await query.for('update') : await query;
    if (!row) return undefined;
    const fields = await tx.select().from(enrollmentFields).where(eq(enrollmentFields.enrollment, row.enrollment)).orderBy(asc(enrollmentFields.position));
    return fromRows(row, fields);
  };
  return {
    async put(s) {
      const enrollment = lower(s.enrollment);
      await db.transaction(async (tx) => {
        await tx.delete(enrollmentSubmissions).where(eq(enrollmentSubmissions.enrollment, enrollment));
        await tx.insert(enrollmentSubmissions).values({
          enrollment,
          enrollee: s.enrollee,
          templateId: s.templateId,
          imageHash: s.imageHash,
          fieldsRoot: s.fieldsRoot,
          pending: s.pending,
          batches: s.batches,
          corrections: s.corrections,
        });
        if (s.fields.length === 0) return;
        await tx.insert(enrollmentFields).values(s.fields.map((f, position) => ({
          enrollment, position, name: f.name, crop: f.crop, text: f.text, fieldHash: f.fieldHash, textHash: f.textHash,
        })));
      });
    },
    get: (id) => read(db, id, false),
    update: (id, change) =>
      db.transaction(async (tx) => {
        const current = await read(tx, id, true);
        if (!current) throw new SubmissionNotFoundError(id);
        const next = changedSubmission(current, change);
        await tx
          .update(enrollmentSubmissions)
          .set({ pending: next.pending, batches: next.batches, corrections: next.corrections })
          .where(eq(enrollmentSubmissions.enrollment, lower(id)));
        return next;
      }),
  };
}
