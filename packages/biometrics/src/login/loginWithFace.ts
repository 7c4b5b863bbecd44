import { openFaceTemplate } from '@identree/sdk';
import { encodeAbiParameters, keccak256, type Hash, type Hex, type LocalAccount } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { FaceMismatchError, FaceTemplateNotFoundError } from '../errors.js';
import { extractFace } from '../pipeline/extractFace.js';
import type { FaceEngine } from '../pipeline/types.js';
import type { FaceAuditLog, TemplateBlobStore, TemplateRecordStore } from '../templates/types.js';
import { cosineSimilarity } from './cosineSimilarity.js';

/** The similarity above which two faceres embeddings are taken as one person (from `npm run eval:face`). */
export const DEFAULT_FACE_THRESHOLD = 0.5;

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
  threshold?: number;
};
export type LoginWithFaceReturnType = { message: string; signature: Hex; matchResultHash: Hash };

/** keccak256 of what was matched: template (CID, version, model), threshold, liveness. Never the score. */
export const faceMatchResultHash = (r: { cid: string; templateVersion: number; model: string; threshold: number; livenessHash?: Hash }) =>
  keccak256(encodeAbiParameters(
    [{ type: 'string' }, { type: 'string' }, { type: 'uint64' }, { type: 'string' }, { type: 'uint32' }, { type: 'bytes32' }],
    ['identree/face-match/v1', r.cid, BigInt(r.templateVersion), r.model, Math.round(r.threshold * 1e6), r.livenessHash ?? `0x${'0'.repeat(64)}`],
  ));

/**
 * Logs in with a face where the holder's key is: the photo's embedding is compared with the template
 * opened locally, and on a match the holder signs a SIWE message whose resources carry the hash of the
 * match result (and of the liveness challenge). A mismatch throws `FaceMismatchError`, without the score.
 *
 * @example
 * const { message, signature } = await loginWithFace({ engine, image, account, privateKey, blobs, records, audit, siwe })
 */
export async function loginWithFace(p: LoginWithFaceParameters): Promise<LoginWithFaceReturnType> {
  const threshold = p.threshold ?? DEFAULT_FACE_THRESHOLD;
  const face = await extractFace({ engine: p.engine, image: p.image });
  const record = await p.records.get(p.account.address);
  if (!record) throw new FaceTemplateNotFoundError(p.account.address);
  const ciphertext = await p.blobs.get(record.envelope.cid);
  if (!ciphertext) throw new FaceTemplateNotFoundError(p.account.address);
  const enrolled = openFaceTemplate({ envelope: record.envelope, ciphertext, privateKey: p.privateKey });
  const matched = record.model === p.engine.model && cosineSimilarity(enrolled, face.embedding) >= threshold;
  enrolled.fill(0);
  face.embedding.fill(0);
  const { cid, templateVersion } = record.envelope;
  await p.audit.append({ at: Date.now(), holder: record.holder, action: matched ? 'login-matched' : 'login-failed', cid, templateVersion });
  if (!matched) throw new FaceMismatchError();
  const matchResultHash = faceMatchResultHash({ cid, templateVersion, model: record.model, threshold, livenessHash: p.livenessHash });
  const message = createSiweMessage({
    address: p.account.address, chainId: p.siwe.chainId, domain: p.siwe.domain, nonce: p.siwe.nonce, uri: p.siwe.uri, version: '1',
    statement: 'Sign in with Identree using face login.',
    resources: [`urn:identree:face-match:${matchResultHash}`],
  });
  return { message, signature: await p.account.signMessage({ message }), matchResultHash };
}
