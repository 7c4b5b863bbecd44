import type { Address } from 'viem';
import type { AuditRepository } from '../storage/types.js';
import type { BlobStore, EraseBlobReturnType } from './types.js';

/** What the audited blob actions need: the blob store and where the audit log is appended. */
export type AuditedBlobs = { blobs: BlobStore; audit: Pick<AuditRepository, 'append'> };

/** Audit actions of the retention policy: a blob pinned on store, unpinned and erased on request. */
export const BLOB_AUDIT_ACTIONS = ['BlobPinned', 'BlobUnpinned', 'BlobErased'] as const;

export type StoreAuditedBlobParameters = { bytes: Uint8Array; owner: Address; actor?: Address };

/**
 * Stores (and on kubo pins) `bytes` for `owner`, then logs `BlobPinned` under the owner with the CID
 * and size: the retention policy's record of what is kept for whom. Returns the CID.
 *
 * @example
 * const cid = await storeAuditedBlob({ blobs, audit: storage.audit }, { bytes, owner })
 */
export async function storeAuditedBlob(
  { blobs, audit }: AuditedBlobs,
  { bytes, owner, actor = owner }: StoreAuditedBlobParameters,
): Promise<string> {
  const cid = await blobs.put(bytes);
  await audit.append({ subject: owner, action: 'BlobPinned', actor, payload: { cid, bytes: bytes.length } });
  return cid;
}

export type EraseAuditedBlobParameters = { cid: string; owner: Address; actor: Address; reason: string };

/**
 * Erases a blob (unpinning it on kubo) and logs what happened under the owner: `BlobUnpinned` when
 * a pin was removed, `BlobErased` when the bytes went. A blob that was not there logs nothing.
 *
 * @example
 * await eraseAuditedBlob({ blobs, audit: storage.audit }, { cid, owner, actor: owner, reason: 'holder request' })
 */
export async function eraseAuditedBlob(
  { blobs, audit }: AuditedBlobs,
  { cid, owner, actor, reason }: EraseAuditedBlobParameters,
): Promise<EraseBlobReturnType> {
  const result = await blobs.erase(cid);
  if (result.unpinned) await audit.append({ subject: owner, action: 'BlobUnpinned', actor, payload: { cid, reason } });
  if (result.erased) await audit.append({ subject: owner, action: 'BlobErased', actor, payload: { cid, reason } });
  return result;
}
