import type { Hash, Hex, LocalAccount } from 'viem';
import { FaceMismatchError, FaceTemplateNotFoundError } from '../errors.js';
import { extractFace } from '../pipeline/extractFace.js';
import type { FaceEngine } from '../pipeline/types.js';
import type { FaceAuditLog, TemplateBlobStore, TemplateRecordStore } from '../templates/types.js';
import { matchFaceTemplate } from './matchFaceTemplate.js';
import { signFaceLogin, type SignFaceLoginReturnType } from './signFaceLogin.js';

export { DEFAULT_FACE_THRESHOLD, FACERES_FACE_THRESHOLD, faceMatchResultHash, faceThreshold } from './faceMatchResultHash.js';

export type LoginWithFaceParameters = {
  engine: FaceEngine;
  image: Uint8Array;
  /** The holder's account: its private key opens the template and signs the login. Matching happens here. */
  account: LocalAccount;
  privateKey: Hex;
  blobs: TemplateBlobStore;
  records: TemplateRecordStore;
  audit: FaceAuditLog;
  siwe: { domain: string; uri: string; chainId: number; nonce: string };
  /** Hash of the liveness challenge the frames performed (`checkLiveness`), bound into the result. */
  livenessHash?: Hash;
  /** @default faceThreshold(engine.model) */
  threshold?: number;
};
export type LoginWithFaceReturnType = SignFaceLoginReturnType;

/**
 * Logs in with a face where the holder's key is: the photo's embedding is compared with the template
 * opened locally, and on a match the holder signs a SIWE message whose resources carry the hash of the
 * match result (and of the liveness challenge). A mismatch throws `FaceMismatchError`, without the score;
 * a template of another model `FaceTemplateModelMismatchError` (re-enroll).
 *
 * @example
 * const { message, signature } = await loginWithFace({ engine, image, account, privateKey, blobs, records, audit, siwe })
 */
export async function loginWithFace(p: LoginWithFaceParameters): Promise<LoginWithFaceReturnType> {
  const face = await extractFace({ engine: p.engine, image: p.image });
  const record = await p.records.get(p.account.address);
  if (!record) throw new FaceTemplateNotFoundError(p.account.address);
  const ciphertext = await p.blobs.get(record.envelope.cid);
  if (!ciphertext) throw new FaceTemplateNotFoundError(p.account.address);
  const { matched, threshold } = matchFaceTemplate({
    embedding: face.embedding, model: p.engine.model, template: { envelope: record.envelope, model: record.model, ciphertext }, privateKey: p.privateKey,
    threshold: p.threshold,
  });
  const { cid, templateVersion } = record.envelope;
  await p.audit.append({ at: Date.now(), holder: record.holder, action: matched ? 'login-matched' : 'login-failed', cid, templateVersion });
  if (!matched) throw new FaceMismatchError();
  return signFaceLogin({ account: p.account, siwe: p.siwe, match: { cid, templateVersion, model: record.model, threshold }, livenessHash: p.livenessHash });
}
