import { sealFaceTemplate, type FaceTemplateEnvelope } from '@identree/sdk';
import { encodeAbiParameters, keccak256, type Address, type Hash, type Hex } from 'viem';
import { extractFace } from '../pipeline/extractFace.js';
import type { FaceEngine } from '../pipeline/types.js';
import type { FaceAuditLog, TemplateBlobStore, TemplateRecordStore } from './types.js';

export type EnrollFaceParameters = {
  engine: FaceEngine;
  /** The photo, as uploaded (JPEG, PNG, ...). */
  image: Uint8Array;
  holder: Address;
  /** The holder's public key first, then any guardians' keys. */
  recipients: Hex[];
  blobs: TemplateBlobStore;
  records: TemplateRecordStore;
  audit: FaceAuditLog;
};
export type EnrollFaceReturnType = {
  envelope: FaceTemplateEnvelope;
  /** keccak256(cid, templateVersion): what a chain anchor records (the anchor itself is not in this package). */
  commitment: Hash;
  /** The template this one replaced, now unpinned. */
  replaced?: { cid: string; templateVersion: number };
};

/** What the chain would record for a template: the CID and the version, never the template. */
export const faceTemplateCommitment = (cid: string, templateVersion: number) =>
  keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'uint64' }], [cid, BigInt(templateVersion)]));

/**
 * Enrolls (or re-enrolls) a face: one face is extracted, its embedding sealed to the holder (and
 * guardians), the ciphertext stored, and the envelope recorded. A re-enrollment bumps the version,
 * unpins the old blob and logs both, so only the new template opens.
 *
 * @example
 * const { envelope, commitment } = await enrollFace({ engine, image, holder, recipients: [holderPublicKey], blobs, records, audit })
 */
export async function enrollFace({ engine, image, holder, recipients, blobs, records, audit }: EnrollFaceParameters): Promise<EnrollFaceReturnType> {
  const face = await extractFace({ engine, image });
  const previous = await records.get(holder);
  const templateVersion = (previous?.envelope.templateVersion ?? 0) + 1;
  const { envelope, ciphertext } = sealFaceTemplate({ holder, embedding: face.embedding, templateVersion, recipients });
  face.embedding.fill(0);
  const cid = await blobs.put(ciphertext);
  if (cid !== envelope.cid) throw new Error(`the blob store named the template ${cid}, not ${envelope.cid}`);
  await audit.append({ at: Date.now(), holder: envelope.holder, action: 'pinned', cid, templateVersion });
  await records.put({ holder: envelope.holder, envelope, model: engine.model, enrolledAt: Date.now() });
  await audit.append({ at: Date.now(), holder: envelope.holder, action: previous ? 're-enrolled' : 'enrolled', cid, templateVersion });
  let replaced: EnrollFaceReturnType['replaced'];
  if (previous && previous.envelope.cid !== cid) {
    await blobs.remove(previous.envelope.cid);
    await audit.append({ at: Date.now(), holder: envelope.holder, action: 'unpinned', cid: previous.envelope.cid, templateVersion: previous.envelope.templateVersion });
    replaced = { cid: previous.envelope.cid, templateVersion: previous.envelope.templateVersion };
  }
  return { envelope, commitment: faceTemplateCommitment(cid, templateVersion), ...(replaced ? { replaced } : {}) };
}
