import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { getAddress, type Address } from 'viem';
import type { TemplateRecord } from '@identree/biometrics';
import { templateRecordRow, type TemplateRecordRows } from '@identree/biometrics-service';
import { FaceTemplateEnvelopeSchema } from '../routes/faceTemplates.js';
import { Address as AddressSchema } from '../routes/schemas.js';

/** One file as earlier versions wrote it (`fsTemplateRecords`): the record, as JSON. */
const TemplateRecordFile = Type.Object({
  holder: AddressSchema,
  envelope: FaceTemplateEnvelopeSchema,
  model: Type.String({ minLength: 1 }),
  enrolledAt: Type.Integer({ minimum: 0 }),
});

export type ImportFaceTemplateFilesParameters = {
  /** Where earlier versions kept one envelope per holder: `DATA_DIR/face-templates`. */
  dir: string;
  /** The store's `faceTemplates`. */
  rows: TemplateRecordRows;
};
export type ImportFaceTemplateFilesReturnType = {
  /** Holders whose file became their record. */
  imported: Address[];
  /** Holders that already had a record (enrolled again through another process): their older file is only deleted. */
  skipped: Address[];
};

/**
 * Moves the envelopes earlier versions kept as files (`<holder>.json`) into the database, once: each file
 * becomes the holder's record unless the holder has one already, then the file goes, leftovers of
 * interrupted writes (`.tmp`) too, and the emptied folder. Afterwards no wrapped key is left on disk, so an
 * erasure (which deletes the row) leaves none anywhere. A file that is not a record is left in place and
 * named in the error, so nothing is lost unread. Runs at every start (a no-op once the folder is gone), from
 * any number of processes at once.
 *
 * @example
 * await importFaceTemplateFiles({ dir: path.join(config.dataDir, 'face-templates'), rows: storage.faceTemplates })
 */
export async function importFaceTemplateFiles({ dir, rows }: ImportFaceTemplateFilesParameters): Promise<ImportFaceTemplateFilesReturnType> {
  const result: ImportFaceTemplateFilesReturnType = { imported: [], skipped: [] };
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!names) return result;
  const refused: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if (name.endsWith('.tmp')) {
      await rm(file, { force: true });
      continue;
    }
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      // Another process imported and deleted it meanwhile.
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text === null) continue;
    const record = parsed(text);
    if (!name.endsWith('.json') || !record) {
      refused.push(name);
      continue;
    }
    const added = await rows.add(templateRecordRow(record));
    (added ? result.imported : result.skipped).push(getAddress(record.holder));
    // Only once the row is written: a crash before this line leaves the file, and the next start imports it.
    await rm(file, { force: true });
  }
  if (refused.length) throw new Error(`${dir} holds files that are not face template records (${refused.join(', ')}): move them away and start again`);
  await rmdir(dir).catch(() => undefined);
  return result;
}

const parsed = (text: string): TemplateRecord | null => {
  try {
    const json: unknown = JSON.parse(text);
    return Value.Check(TemplateRecordFile, json) ? (json as TemplateRecord) : null;
  } catch {
    return null;
  }
};
