import { getAddress, type Address } from 'viem';
import type { TemplateRecord, TemplateRecordStore } from '@identree/biometrics';
import type { FaceTemplateEnvelope } from '@identree/sdk';

/** A stored template record, as the store's `faceTemplates` repository keeps it. */
export type TemplateRecordRow = { holder: Address; cid: string; templateVersion: number; model: string; envelope: unknown; enrolledAt: Date };

/** Where records are kept: the store's `faceTemplates` (one row per holder, each write one statement). */
export type TemplateRecordRows = {
  get(holder: Address): Promise<TemplateRecordRow | null>;
  put(record: TemplateRecordRow): Promise<void>;
  add(record: TemplateRecordRow): Promise<boolean>;
  delete(holder: Address): Promise<boolean>;
};

/** The row for a record: the CID and version are the envelope's, kept beside it. */
export const templateRecordRow = (record: TemplateRecord): TemplateRecordRow => ({
  holder: getAddress(record.holder),
  cid: record.envelope.cid,
  templateVersion: record.envelope.templateVersion,
  model: record.model,
  envelope: record.envelope,
  enrolledAt: new Date(record.enrolledAt),
});

/**
 * The service's envelopes, in its database: every API process, on any machine, reads and replaces the same
 * record. A re-enrollment replaces the holder's row in one statement and an erasure deletes it, so the wrapped
 * data keys of a replaced or erased template are in no row any more.
 *
 * @example
 * const records = storedTemplateRecords(storage.faceTemplates)
 */
export function storedTemplateRecords(rows: TemplateRecordRows): TemplateRecordStore {
  return {
    async get(holder) {
      const row = await rows.get(getAddress(holder));
      if (!row) return null;
      return { holder: getAddress(row.holder), envelope: row.envelope as FaceTemplateEnvelope, model: row.model, enrolledAt: row.enrolledAt.getTime() };
    },
    put: (record) => rows.put(templateRecordRow(record)),
    delete: (holder) => rows.delete(getAddress(holder)),
  };
}
