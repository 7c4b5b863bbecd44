import type { Address } from 'viem';
import { FaceTemplateNotFoundError } from '../errors.js';
import type { FaceAuditLog, TemplateBlobStore, TemplateRecordStore } from './types.js';

export type EraseFaceTemplateParameters = { holder: Address; blobs: TemplateBlobStore; records: TemplateRecordStore; audit: FaceAuditLog };
export type EraseFaceTemplateReturnType = { cid: string; templateVersion: number };

/**
 * Erases a holder's face template (GDPR Art. 17): the envelope, which holds the only wrapped copies
 * of the data key, is destroyed first, then the blob is deleted or unpinned. A copy of the ciphertext
 * kept elsewhere no longer opens, since no wrapped key is left.
 *
 * @example
 * await eraseFaceTemplate({ holder, blobs, records, audit })
 */
export async function eraseFaceTemplate({ holder, blobs, records, audit }: EraseFaceTemplateParameters): Promise<EraseFaceTemplateReturnType> {
  const record = await records.get(holder);
  if (!record) throw new FaceTemplateNotFoundError(holder);
  const { cid, templateVersion } = record.envelope;
  await records.delete(holder);
  await blobs.remove(cid);
  await audit.append({ at: Date.now(), holder: record.holder, action: 'unpinned', cid, templateVersion });
  await audit.append({ at: Date.now(), holder: record.holder, action: 'erased', cid, templateVersion });
  return { cid, templateVersion };
}
