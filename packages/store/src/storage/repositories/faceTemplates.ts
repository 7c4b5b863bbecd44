import { eq } from 'drizzle-orm';
import type { Address } from 'viem';
import { lower, type Database } from '../database.js';
import { faceTemplateRecords } from '../schemaFaceTemplates.js';
import type { FaceTemplateRecordRow, FaceTemplatesRepository, Json } from '../types.js';

type Row = typeof faceTemplateRecords.$inferSelect;

const fromRow = (r: Row): FaceTemplateRecordRow => ({
  holder: r.holder as Address,
  cid: r.cid,
  templateVersion: r.templateVersion,
  model: r.model,
  envelope: r.envelope as Json,
  enrolledAt: r.enrolledAt,
});

const toRow = (record: FaceTemplateRecordRow): Row => ({
  holder: lower(record.holder),
  cid: record.cid,
  templateVersion: record.templateVersion,
  model: record.model,
  envelope: record.envelope,
  enrolledAt: record.enrolledAt,
});

/** Face template records, one row per holder; a re-enrollment is one upsert, an erasure one DELETE. */
export function faceTemplatesRepository(db: Database): FaceTemplatesRepository {
  return {
    async get(holder) {
      const [row] = await db.select().from(faceTemplateRecords).where(eq(faceTemplateRecords.holder, lower(holder)));
      return row ? fromRow(row) : null;
    },
    async put(record) {
      const { holder, ...values } = toRow(record);
      await db.insert(faceTemplateRecords).values({ holder, ...values }).onConflictDoUpdate({ target: faceTemplateRecords.holder, set: values });
    },
    async add(record) {
      const added = await db.insert(faceTemplateRecords).values(toRow(record)).onConflictDoNothing({ target: faceTemplateRecords.holder }).returning({ holder: faceTemplateRecords.holder });
      return added.length === 1;
    },
    async delete(holder) {
      return (await db.delete(faceTemplateRecords).where(eq(faceTemplateRecords.holder, lower(holder))).returning({ holder: faceTemplateRecords.holder })).length === 1;
    },
  };
}
